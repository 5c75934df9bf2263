//! Data parallelism in one place: each helper runs on rayon's thread pool
//! with the `parallel` feature and sequentially without it, so a call
//! site is written once.
//!
//! Every helper gives the same result for any thread count: outputs keep
//! the input order, sorts are by a total order (`Ord`), and the one
//! reduction ([`fold_chunks`]) needs an associative, commutative merge.
//!
//! A leaf module: it depends on nothing else in the crate.

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// `items.iter().map(f).collect()`, in input order.
pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// `(0..count).map(f).collect()`, in index order.
pub(crate) fn map_indices<R, F>(count: usize, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(usize) -> R + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        (0..count).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..count).map(f).collect()
    }
}

/// `f` applied to each item of `left` with the item of `right` at the
/// same position, in order; stops at the shorter input.
pub(crate) fn zip_map<A, B, R, F>(left: &[A], right: Vec<B>, f: F) -> Vec<R>
where
    A: Sync,
    B: Send,
    R: Send,
    F: Fn((&A, B)) -> R + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        left.par_iter().zip(right).map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        left.iter().zip(right).map(f).collect()
    }
}

/// `items.iter().filter_map(f).collect()`, in input order.
pub(crate) fn filter_map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> Option<R> + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items.par_iter().filter_map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().filter_map(f).collect()
    }
}

/// How many items satisfy `predicate`.
pub(crate) fn count<T, F>(items: &[T], predicate: F) -> usize
where
    T: Sync,
    F: Fn(&T) -> bool + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items.par_iter().filter(|item| predicate(item)).count()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().filter(|item| predicate(item)).count()
    }
}

/// `f` on each chunk of `chunk_size` items, the outputs concatenated in
/// input order.
pub(crate) fn flat_map_chunks<T, R, F>(items: &[T], chunk_size: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> Vec<R> + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items.par_chunks(chunk_size).flat_map_iter(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.chunks(chunk_size).flat_map(f).collect()
    }
}

/// `f` on each chunk of `chunk_size` items, the results merged with
/// `merge`, starting from `f(&[])`. Chunks are merged in an order that
/// depends on the thread count, so `merge` must be associative and
/// commutative for the result not to.
pub(crate) fn fold_chunks<T, A, F, M>(items: &[T], chunk_size: usize, f: F, merge: M) -> A
where
    T: Sync,
    A: Send,
    F: Fn(&[T]) -> A + Sync + Send,
    M: Fn(A, A) -> A + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        items
            .par_chunks(chunk_size)
            .map(&f)
            .reduce(|| f(&[]), merge)
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.chunks(chunk_size).map(&f).fold(f(&[]), merge)
    }
}

/// `f` applied to each item of `items` (owned: mutable slices, say),
/// the items at once with the `parallel` feature.
pub(crate) fn for_each<T, F>(items: Vec<T>, f: F)
where
    T: Send,
    F: Fn(T) + Sync + Send,
{
    #[cfg(feature = "parallel")]
    items.into_par_iter().for_each(f);
    #[cfg(not(feature = "parallel"))]
    items.into_iter().for_each(f);
}

/// `(a(), b())`, the two at once with the `parallel` feature.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// Sorts `items` (unstably: the order is total, so equal items are
/// identical and the result is the same as a stable sort's).
pub(crate) fn sort_unstable<T: Ord + Send>(items: &mut [T]) {
    #[cfg(feature = "parallel")]
    items.par_sort_unstable();
    #[cfg(not(feature = "parallel"))]
    items.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_agree_with_sequential_iterators() {
        let items: Vec<u64> = (0..10_000).map(|n| (n * 7919) % 10_007).collect();
        let doubled: Vec<u64> = items.iter().map(|n| n * 2).collect();
        assert_eq!(map(&items, |n| n * 2), doubled);
        assert_eq!(map_indices(items.len(), |index| items[index] * 2), doubled);
        assert_eq!(join(|| 1, || 2), (1, 2));
        assert_eq!(
            zip_map(&items, doubled.clone(), |(a, b)| a + b),
            items.iter().map(|n| n * 3).collect::<Vec<_>>()
        );
        let odd: Vec<u64> = items.iter().copied().filter(|n| n % 2 == 1).collect();
        assert_eq!(filter_map(&items, |&n| (n % 2 == 1).then_some(n)), odd);
        assert_eq!(count(&items, |n| n % 2 == 1), odd.len());
        assert_eq!(flat_map_chunks(&items, 333, |chunk| chunk.to_vec()), items);
        assert_eq!(
            fold_chunks(&items, 333, |chunk| chunk.iter().sum::<u64>(), |a, b| a + b),
            items.iter().sum::<u64>()
        );
        let mut sorted = items.clone();
        sort_unstable(&mut sorted);
        let mut expected = items;
        expected.sort();
        assert_eq!(sorted, expected);
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn results_do_not_depend_on_the_thread_count() {
        let items: Vec<u64> = (0..50_000).map(|n| (n * 104_729) % 50_021).collect();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool")
                .install(|| {
                    let mut sorted = items.clone();
                    sort_unstable(&mut sorted);
                    (
                        map(&items, |n| n / 3),
                        flat_map_chunks(&items, 1_000, |chunk| {
                            chunk.iter().rev().copied().collect()
                        }),
                        fold_chunks(&items, 999, |chunk| chunk.iter().sum::<u64>(), |a, b| a + b),
                        sorted,
                    )
                })
        };
        assert_eq!(run(1), run(4));
    }
}
