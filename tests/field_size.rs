//! Issue 13, defect 7: one 100 MB value cost about eight times its size,
//! without a limit. Values are cut to `MAX_FIELD_BYTES` when ingested, so
//! a store's memory stays linear in the values it keeps whatever one
//! value's size: a counting allocator measures the peak of live bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use sameas::{FieldKind, MAX_FIELD_BYTES, OwnedRecord, PreparedStore, Schema};

struct PeakAllocator;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(bytes: isize) {
    let live = LIVE.fetch_add(bytes, Ordering::SeqCst) + bytes;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for PeakAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size() as isize);
        // SAFETY: forwarding the caller's valid layout to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The old and the new block may both be live while copying.
        grew(new_size as isize);
        // SAFETY: forwarding a pointer and layout the caller got from us.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        moved
    }
}

#[global_allocator]
static GLOBAL: PeakAllocator = PeakAllocator;

#[test]
fn a_huge_value_is_cut_and_costs_memory_linear_in_what_is_kept() {
    let schema = Schema::builder()
        .field("name", FieldKind::FullName)
        .field("address", FieldKind::Address)
        .field("note", FieldKind::Text)
        .build()
        .expect("schema");
    let mut store = PreparedStore::new(schema);
    let crm = store.add_source("crm", false).expect("source");
    let huge = "Main Street 1 ".repeat(32 << 20 >> 4);
    let records = [
        OwnedRecord::new("1")
            .with("name", "Ann Lee")
            .with("address", &huge)
            .with("note", &huge),
        OwnedRecord::new("2")
            .with("name", "Bob Roe")
            .with("address", "2 Main Street"),
    ];
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let stats = store.ingest(crm, &records).expect("ingest");
    let peak = PEAK.load(Ordering::SeqCst) - before;
    let kept = LIVE.load(Ordering::SeqCst) - before;

    assert_eq!(stats.fields[1].truncated, 1);
    assert_eq!(stats.fields[2].truncated, 1);
    assert_eq!(stats.fields[0].truncated, 0);
    let address = store.schema().field_id("address").expect("address");
    let first = store.records().next().expect("record");
    assert_eq!(first.raw(address).map(str::len), Some(MAX_FIELD_BYTES));
    // Two values of 32 MiB each: the store keeps and allocates a small
    // multiple of the 64 KiB each is cut to, never of their 32 MiB.
    let limit = 16 * MAX_FIELD_BYTES as isize;
    assert!(
        peak < limit,
        "peak {peak} bytes while ingesting, limit {limit}"
    );
    assert!(kept < limit, "{kept} bytes kept");
}
