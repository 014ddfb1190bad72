import CBLAS

/// How many threads OpenBLAS may use for one product.
///
/// OpenBLAS's workers spin for a while after every threaded product; on a
/// shared 2-core machine that spinning competes with the interpreter, and for
/// the products of a mini-batch step the second thread gains little. So a
/// product runs on one thread unless it has at least `threshold`
/// multiply-adds, and the thread count is only changed when it must be.
enum BLASThreads {
    /// Multiply-adds from which a product may use every thread: 2^22 (about
    /// 160^3). The MLP's 100x784x128 products (1.0e7) gain ~30 % from the second
    /// thread on a quiet 2-core machine, so they take it; the small products of
    /// recurrent steps, per-sample layers and 10x10 tensors stay on one
    /// (Benchmarks/README.md, "BLAS threads").
    static let threshold = 4 * 1024 * 1024

    /// The thread count OpenBLAS started with (its default or OPENBLAS_NUM_THREADS).
    static let available: Int32 = Swift.max(openblas_get_num_threads(), 1)

    /// Sets the thread count for an m x k by k x n product.
    @inline(__always)
    static func prepare(m: Int, n: Int, k: Int) {
        let most = available
        guard most > 1 else { return }
        let (mn, o1) = m.multipliedReportingOverflow(by: n)
        let (work, o2) = mn.multipliedReportingOverflow(by: k)
        let want: Int32 = (o1 || o2 || work >= threshold) ? most : 1
        if openblas_get_num_threads() != want { openblas_set_num_threads(want) }
    }
}
