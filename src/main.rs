//! The `mb` binary: everything lives in the library; this only tunes the allocator and hands
//! over the exit code.

fn main() -> std::process::ExitCode {
    raise_malloc_thresholds();
    mb::cli::run()
}

/// glibc's malloc serves blocks above its mmap threshold (128 KiB at first) with `mmap`, and
/// gives the free top of a thread's heap back to the kernel once it exceeds the trim threshold
/// (twice the mmap threshold). Parsing a bank on every core builds and frees a few MiB per file
/// (pulldown-cmark's tree grows by doubling), so each file's memory was handed back and faulted
/// in again: a fifth of `mb decisions`' CPU time went to page faults. Freeing one mmap-served
/// block raises both thresholds to its size, as mallopt(3) documents for the dynamic threshold.
/// The block is never touched, so it costs two system calls and no memory; other allocators
/// simply allocate and free it.
fn raise_malloc_thresholds() {
    const BLOCK: usize = 2 << 20;
    drop(std::hint::black_box(Vec::<u8>::with_capacity(BLOCK)));
}
