import Foundation

/// `sin` (`quarterTurns == 0`) or `cos` (`quarterTurns == 1`) over a whole
/// buffer, in a form the optimiser vectorises: about twice as fast as a libm
/// call per element, within 2 ulp of libm.
///
/// `k = round(x · 2/π)` and `r = x − k·π/2` with π/2 split in four parts
/// (fdlibm's), so `r` is accurate even right next to a multiple of π/2; then
/// fdlibm's sine and cosine polynomials on |r| ≤ π/4, chosen by the quadrant
/// `k + quarterTurns` (cos x = sin(x + π/2)). The reduction is exact only for
/// |x| ≤ 1e6, so larger inputs, NaN, infinities and zeros (to keep the sign of
/// −0) are redone by libm in a second pass.
func vectorSinCos(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>, quarterTurns: UInt64) {
    let n = x.count
    for i in 0..<n { out[i] = sinCore(x[i], quarterTurns) }
    for i in 0..<n where !(Swift.abs(x[i]) <= 1e6) || x[i] == 0 {
        out[i] = quarterTurns == 0 ? Foundation.sin(x[i]) : Foundation.cos(x[i])
    }
}

@inline(__always)
private func sinCore(_ x: Double, _ quarterTurns: UInt64) -> Double {
    let magic = 0x1.8p52
    let twoOverPi = 6.36619772367581382433e-01
    // π/2 = pio2_1 + pio2_2 + pio2_3 + pio2_3t; the first three have 33
    // significant bits, so their products with k (|k| < 2^20) are exact.
    let pio2_1 = 1.57079632673412561417e+00, pio2_2 = 6.07710050630396597660e-11
    let pio2_3 = 2.02226624871116645580e-21, pio2_3t = 8.47842766036889956997e-32
    let shifted = x * twoOverPi + magic
    let k = shifted - magic
    let r = (((x - k * pio2_1) - k * pio2_2) - k * pio2_3) - k * pio2_3t
    // The low bits of `shifted` hold k in two's complement.
    let quadrant = (shifted.bitPattern &+ quarterTurns) & 3
    let z = r * r
    let s1 = -1.66666666666666324348e-01, s2 = 8.33333333332248946124e-03, s3 = -1.98412698298579493134e-04
    let s4 = 2.75573137070700676789e-06, s5 = -2.50507602534068634195e-08, s6 = 1.58969099521155010221e-10
    let sinR = r + r * z * (s1 + z * (s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)))))
    let c1 = 4.16666666666666019037e-02, c2 = -1.38888888888741095749e-03, c3 = 2.48015872894767294178e-05
    let c4 = -2.75573143513906633035e-07, c5 = 2.08757232129817482790e-09, c6 = -1.13596475577881948265e-11
    // 1 − z/2 split so its rounding error is recovered (fdlibm's __kernel_cos).
    let hz = 0.5 * z, w = 1.0 - hz
    let cosR = w + (((1.0 - w) - hz) + z * z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6))))))
    let v = (quadrant & 1) == 0 ? sinR : cosR
    return (quadrant & 2) == 0 ? v : -v
}
