import CBLAS

/// OpenBLAS and LAPACKE, loaded at the first product or decomposition
/// (Sources/CBLAS): a process that never multiplies a matrix never loads them.
public enum BLASLibrary {
    /// Loads OpenBLAS unless it is loaded. Code that multiplies through
    /// `gemm` where it cannot throw (a network's fused passes) calls this first.
    /// - Throws: `TensorError.value` naming the library when it cannot be loaded.
    @inline(__always)
    public static func require() throws {
        guard soma_blas_load() == 0 else { throw TensorError.value(String(cString: soma_blas_error())) }
    }

    /// Loads LAPACKE (and OpenBLAS) unless they are loaded.
    /// - Throws: `TensorError.value` naming the library when it cannot be loaded.
    static func requireLAPACK() throws {
        guard soma_lapack_load() == 0 else { throw TensorError.value(String(cString: soma_blas_error())) }
    }
}

/// How many threads OpenBLAS may use for one product.
///
/// OpenBLAS's workers spin for a while after every threaded product; on a
/// shared 2-core machine that spinning competes with the interpreter, and for
/// the products of a mini-batch step the second thread gains little. So
/// OpenBLAS is loaded with one thread (no worker), a product runs on one
/// thread unless it has at least `threshold` multiply-adds, and the thread
/// count is only changed when it must be.
enum BLASThreads {
    /// Multiply-adds from which a product may use every thread: 2^22 (about
    /// 160^3). The MLP's 100x784x128 products (1.0e7) gain ~30 % from the second
    /// thread on a quiet 2-core machine, so they take it; the small products of
    /// recurrent steps, per-sample layers and 10x10 tensors stay on one
    /// (Benchmarks/README.md, "BLAS threads").
    static let threshold = 4 * 1024 * 1024

    /// Loads OpenBLAS if needed and sets the thread count for an m x k by k x n product.
    /// - Throws: `TensorError.value` when OpenBLAS cannot be loaded.
    @inline(__always)
    static func prepare(m: Int, n: Int, k: Int) throws {
        try BLASLibrary.require()
        let most = Int32(soma_blas_available_threads())
        guard most > 1 else { return }
        let (mn, o1) = m.multipliedReportingOverflow(by: n)
        let (work, o2) = mn.multipliedReportingOverflow(by: k)
        soma_blas_set_threads((o1 || o2 || work >= threshold) ? most : 1)
    }
}
