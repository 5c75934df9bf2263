//! A generated shape through the zero-configuration resolver, shared by
//! `tests/shape_floors.rs` and `tests/resolve.rs`.

use sameas::resolve::Resolver;
use sameas::synthetic::shapes::ShapeData;

/// A [`Resolver`] with the shape's schema and preparation options and
/// every source added in order (store positions are the global record
/// indices).
pub fn resolver_for(data: &ShapeData) -> Resolver {
    let mut resolver = Resolver::with_options(data.schema(), ShapeData::prepare_options());
    for source in data.sources() {
        resolver
            .add_source(source.name(), source.is_duplicate_free(), source.records())
            .unwrap();
    }
    resolver
}
