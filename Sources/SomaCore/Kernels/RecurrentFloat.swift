/// The element types the recurrent kernels (`LSTMTape`, `rnnSequence`) run
/// in: Float64 for float64 tensors and Float32 when the inputs and weights
/// are all float32. The gate nonlinearities are per type: Float64 keeps its
/// degree-13 exponential (results unchanged), Float32 uses a degree-7 one of
/// its own that fills four lanes of a 128-bit vector instead of two.
protocol RecurrentFloat: KernelFloat, TensorElement, StridedGemm, SIMDScalar, Codable {
    /// In place, z[j] ← a·σ(a·z[j]) + 1 − a with a = scale[j] (1: the logistic, 2: tanh).
    static func scaledLogistic(_ z: UnsafeMutablePointer<Self>, _ scale: UnsafePointer<Self>, _ n: Int)
    /// out[e] = tanh(x[e]) as 2σ(2x) − 1.
    static func tanhInto(_ out: UnsafeMutablePointer<Self>, from x: UnsafePointer<Self>, _ n: Int)
}

extension Double: RecurrentFloat {

    @inline(__always)
    static func scaledLogistic(_ z: UnsafeMutablePointer<Double>, _ scale: UnsafePointer<Double>, _ n: Int) {
        SomaCore.scaledLogistic(z, scale, n)
    }

    @inline(__always)
    static func tanhInto(_ out: UnsafeMutablePointer<Double>, from x: UnsafePointer<Double>, _ n: Int) {
        SomaCore.tanhInto(out, from: x, n)
    }
}

extension Float: RecurrentFloat {

    /// Arguments of e beyond ±87 are clamped (e^87 and e^−87 are normal
    /// Float32 numbers), which moves a result by less than 2e-38; NaN stays NaN.
    @inline(__always)
    static func scaledLogistic(_ z: UnsafeMutablePointer<Float>, _ scale: UnsafePointer<Float>, _ n: Int) {
        for j in 0..<n {
            let a = scale[j]
            let v = -a * z[j]
            let e = expCore32(v < -87 ? -87 : (v > 87 ? 87 : v))
            z[j] = a / (1 + e) + (1 - a)
        }
    }

    /// Within about 2e-7 of tanh (absolute), exactly ±1 where it saturates.
    @inline(__always)
    static func tanhInto(_ out: UnsafeMutablePointer<Float>, from x: UnsafePointer<Float>, _ n: Int) {
        for e in 0..<n {
            let v = -2 * x[e]
            let q = expCore32(v < -87 ? -87 : (v > 87 ? 87 : v))
            out[e] = 2 / (1 + q) - 1
        }
    }
}

/// e^x in Float32 for |x| ≤ 87, with no branches or calls so loops over it
/// vectorise (four lanes with SSE2): within about 2 ulp.
///
/// Cephes' `expf`: k = round(x / ln 2) by adding 1.5·2^23, r = x − k·ln 2
/// with ln 2 split in two (the first part has 9 significant bits, so k·C1 is
/// exact), e^r = 1 + r + r²·p(r) with p of degree 5 (Cephes' minimax
/// coefficients), and 2^k put straight into the exponent bits.
@inline(__always)
func expCore32(_ x: Float) -> Float {
    let magic: Float = 0x1.8p23
    let invLn2: Float = 1.44269504088896341
    let c1: Float = 0.693359375, c2: Float = -2.12194440e-4
    let shifted = x * invLn2 + magic
    let k = shifted - magic
    let r = (x - k * c1) - k * c2
    let r2 = r * r
    let p = ((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
             + 1.6666665459e-1) * r + 5.0000001201e-1
    let er = 1 + (r + r2 * p)
    // The low bits of `shifted` hold k; k + 127 is the biased exponent of 2^k.
    let scale = Float(bitPattern: (shifted.bitPattern &+ 127) << 23)
    return er * scale
}

/// A buffer of `T` owned by a kernel for as long as a tape keeps it (freed
/// with the last reference).
final class KernelBuffer<T> {
    let base: UnsafeMutablePointer<T>
    let count: Int

    init(_ count: Int, zeroed: Bool = false) where T: BinaryFloatingPoint {
        self.count = Swift.max(count, 1)
        base = UnsafeMutablePointer<T>.allocate(capacity: self.count)
        if zeroed { base.initialize(repeating: 0, count: self.count) }
    }

    deinit { base.deallocate() }
}

/// Float64 kernel buffers (the convolution's).
typealias Workspace = KernelBuffer<Double>

/// Four elements from memory (any alignment).
@inline(__always)
func load4<T: SIMDScalar>(_ p: UnsafePointer<T>) -> SIMD4<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<T>.self)
}

@inline(__always)
func load4<T: SIMDScalar>(_ p: UnsafeMutablePointer<T>) -> SIMD4<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<T>.self)
}

/// Four elements to memory (any alignment).
@inline(__always)
func store4<T: SIMDScalar>(_ v: SIMD4<T>, _ p: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<T>.self)
}
