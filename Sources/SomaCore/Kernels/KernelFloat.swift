import CBLAS
import Foundation

/// The element types kernels are written for: Float64 and Float32. Each
/// kernel is generic over it and specialised per type, so a float32 tensor
/// computes in Float32 end to end (half the memory traffic, twice the lanes).
protocol KernelFloat: BLASElement {
    /// Tensor storage holding `values`.
    static func storage(_ values: [Self]) -> Storage
    static func power(_ a: Self, _ b: Self) -> Self
    static func remainder(_ a: Self, _ b: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func tangent(_ x: Self) -> Self
    static func hyperbolicTangent(_ x: Self) -> Self
    static func arctangent(_ x: Self) -> Self
    /// `e^x` over a whole buffer (`x` and `out` may be the same memory).
    static func exponentials(_ x: UnsafeBufferPointer<Self>, _ out: UnsafeMutableBufferPointer<Self>)
    /// `1/(1 + e^−x)` over a whole buffer (`x` and `out` may be the same memory).
    static func logistics(_ x: UnsafeBufferPointer<Self>, _ out: UnsafeMutableBufferPointer<Self>)
    /// `sin` (`quarterTurns` 0) or `cos` (1) of every element.
    static func sinesCosines(_ x: [Self], quarterTurns: UInt64) -> [Self]
    /// `tanh` of every element.
    static func hyperbolicTangents(_ x: [Self]) -> [Self]
    /// Row-major `y = op(A)·x` for a rows x cols matrix A (BLAS gemv).
    static func blasMatrixVector(transposed: Bool, rows: Int32, cols: Int32, _ a: UnsafePointer<Self>, lda: Int32,
                                 _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
}

extension Double: KernelFloat {
    static func storage(_ values: [Double]) -> Storage { .f64(values[...]) }
    @inline(__always) static func power(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
    @inline(__always) static func remainder(_ a: Double, _ b: Double) -> Double { fmod(a, b) }
    @inline(__always) static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) static func tangent(_ x: Double) -> Double { Foundation.tan(x) }
    @inline(__always) static func hyperbolicTangent(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) static func arctangent(_ x: Double) -> Double { Foundation.atan(x) }
    static func exponentials(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) { vectorExp(x, out) }
    static func logistics(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) { vectorLogistic(x, out) }
    static func sinesCosines(_ x: [Double], quarterTurns: UInt64) -> [Double] { sinCos(x, quarterTurns: quarterTurns) }
    static func hyperbolicTangents(_ x: [Double]) -> [Double] { unaryMap(TanhKernel.self, x) }
    static func blasMatrixVector(transposed: Bool, rows: Int32, cols: Int32, _ a: UnsafePointer<Double>, lda: Int32,
                                 _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, rows, cols, 1, a, lda, x, 1, 0, y, 1)
    }
}

extension Float: KernelFloat {
    static func storage(_ values: [Float]) -> Storage { .f32(values[...]) }
    @inline(__always) static func power(_ a: Float, _ b: Float) -> Float { Foundation.powf(a, b) }
    @inline(__always) static func remainder(_ a: Float, _ b: Float) -> Float { fmodf(a, b) }
    @inline(__always) static func logarithm(_ x: Float) -> Float { Foundation.logf(x) }
    @inline(__always) static func tangent(_ x: Float) -> Float { Foundation.tanf(x) }
    @inline(__always) static func hyperbolicTangent(_ x: Float) -> Float { Foundation.tanhf(x) }
    @inline(__always) static func arctangent(_ x: Float) -> Float { Foundation.atanf(x) }
    static func exponentials(_ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) { vectorExp32(x, out) }
    static func logistics(_ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) { vectorLogistic32(x, out) }
    static func blasMatrixVector(transposed: Bool, rows: Int32, cols: Int32, _ a: UnsafePointer<Float>, lda: Int32,
                                 _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, rows, cols, 1, a, lda, x, 1, 0, y, 1)
    }
    static func hyperbolicTangents(_ x: [Float]) -> [Float] {
        freshBuffer(x.count) { out in x.withUnsafeBufferPointer { vectorTanh32($0, out) } }
    }
    /// Through the Float64 kernel, rounded.
    static func sinesCosines(_ x: [Float], quarterTurns: UInt64) -> [Float] {
        narrowed(sinCos(widened(x), quarterTurns: quarterTurns))
    }
}
