// Measures SomaCore from Swift on the workloads of Benchmarks/reference
// (matmul.py, elementwise.py, softmax.py), printing lines in the same
// `label seconds ...` form. Build and run with Benchmarks/core/run-swift.sh
// (release build of SomaCore alone).
import Foundation
import SomaCore

/// Wall seconds of `body`; the CPU seconds of this thread go to `cpu`
/// (steadier than wall time on a shared machine; BLAS worker threads are not counted).
func seconds(cpu: inout Double, _ body: () throws -> Void) rethrows -> Double {
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let t0 = DispatchTime.now().uptimeNanoseconds, c0 = threadCPU()
    try body()
    cpu = threadCPU() - c0
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

func matmul(_ n: Int) throws {
    var rng = RandomGenerator(seed: 0)
    let a = try rng.rand([n, n]), b = try rng.rand([n, n])
    let reps = max(1, Int(2e9) / (2 * n * n * n))
    _ = try a.matmul(b)
    var c = a, cpu = 0.0
    let dt = try seconds(cpu: &cpu) { for _ in 0..<reps { c = try a.matmul(b) } } / Double(reps)
    print(String(format: "matmul%d_s %.5f gflops %.1f check %.1f", n, dt, 2 * Double(n * n * n) / dt / 1e9, c.data[0]))
}

func elementwise() throws {
    let x = try Tensor.linspace(-3, 3, 1_000_000)
    var y = try (x * x).neg().exp() * x.sin() + 1
    var cpu = 0.0
    let dt = try seconds(cpu: &cpu) { for _ in 0..<20 { y = try x.pow(2).neg().exp() * x.sin() + 1 } } / 20
    print(String(format: "elementwise_s %.5f sum %.4f cpu %.5f", dt, try y.sum().scalar(), cpu / 20))
}

func softmax() throws {
    var rng = RandomGenerator(seed: 0)
    let z = try rng.randn([1000, 1000])
    func rowSoftmax(_ z: Tensor) throws -> Tensor {
        let e = try (z - z.max(axis: 1, keepdims: true)).exp()
        return try e / e.sum(axis: 1, keepdims: true)
    }
    var y = try rowSoftmax(z), cpu = 0.0
    let dt = try seconds(cpu: &cpu) { for _ in 0..<20 { y = try rowSoftmax(z) } } / 20
    print(String(format: "softmax_s %.5f sum %.4f cpu %.5f", dt, try y.sum().scalar(), cpu / 20))
    let dt2 = try seconds(cpu: &cpu) { for _ in 0..<20 { y = try z.softmax(axis: 1) } } / 20
    print(String(format: "softmax_builtin_s %.5f sum %.4f cpu %.5f", dt2, try y.sum().scalar(), cpu / 20))
}

do {
    for n in [256, 1024, 2048] { try matmul(n) }
    try elementwise()
    try softmax()
} catch {
    print("error: \(error)")
}
