import Foundation

/// One elementwise function of two numbers. Kernels are types, not closures,
/// so each loop below is specialised per operation and the optimiser can
/// vectorise it: there is never a call per element.
protocol BinaryKernel { static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T }

enum AddKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a + b } }
enum SubKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a - b } }
enum MulKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a * b } }
enum DivKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a / b } }
enum PowKernel: BinaryKernel {
    @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T {
        // Squares are by far the most common power; `pow` is slow for them.
        b == 2 ? a * a : T.power(a, b)
    }
}
/// Floored modulo, as numpy and Python: the result takes the divisor's sign.
enum ModKernel: BinaryKernel {
    @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T {
        let r = T.remainder(a, b)
        if r == 0 { return b < 0 ? -0.0 : 0.0 }   // the divisor's sign, as numpy
        return (r < 0) != (b < 0) ? r + b : r
    }
}
enum EqKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a == b ? 1 : 0 } }
enum NeKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a != b ? 1 : 0 } }
enum LtKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a < b ? 1 : 0 } }
enum LeKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a <= b ? 1 : 0 } }
enum GtKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a > b ? 1 : 0 } }
enum GeKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { a >= b ? 1 : 0 } }
/// NaN-propagating, as numpy's `maximum`.
enum MaxKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { (a > b || a.isNaN) ? a : b } }
enum MinKernel: BinaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ a: T, _ b: T) -> T { (a < b || a.isNaN) ? a : b } }

/// Applies `K` to `a` and `b` broadcast to `outShape`.
///
/// Fast paths for equal shapes and a scalar on either side; otherwise an
/// odometer walks every axis but the last, and the last runs as a strided row.
@inline(__always)
func broadcastMap<K: BinaryKernel, T: KernelFloat>(_: K.Type, _ a: ArraySlice<T>, _ aShape: [Int],
                                                   _ b: ArraySlice<T>, _ bShape: [Int], _ outShape: [Int]) -> [T] {
    let n = Shape.count(outShape)
    return freshBuffer(n) { out in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                if pa.count == n && pb.count == n && aShape == bShape {
                    for i in 0..<n { out[i] = K.apply(pa[i], pb[i]) }
                } else if pb.count == 1 && pa.count == n {
                    let s = pb[0]
                    for i in 0..<n { out[i] = K.apply(pa[i], s) }
                } else if pa.count == 1 && pb.count == n {
                    let s = pa[0]
                    for i in 0..<n { out[i] = K.apply(s, pb[i]) }
                } else if n > 0 {
                    stridedMap(K.self, pa, Shape.broadcastStrides(aShape, to: outShape),
                               pb, Shape.broadcastStrides(bShape, to: outShape), out, outShape)
                }
            }
        }
    }
}

@inline(__always)
private func stridedMap<K: BinaryKernel, T: KernelFloat>(_: K.Type, _ pa: UnsafeBufferPointer<T>, _ sa: [Int],
                                                         _ pb: UnsafeBufferPointer<T>, _ sb: [Int],
                                                         _ out: UnsafeMutableBufferPointer<T>, _ shape: [Int]) {
    let r = shape.count
    let inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
    let outer = out.count / inner
    var idx = [Int](repeating: 0, count: r)
    var oa = 0, ob = 0, o = 0
    for _ in 0..<outer {
        // Specialised rows so the common broadcasts (row + column vector) vectorise.
        switch (ia, ib) {
        case (1, 1): for i in 0..<inner { out[o + i] = K.apply(pa[oa + i], pb[ob + i]) }
        case (1, 0): let s = pb[ob]; for i in 0..<inner { out[o + i] = K.apply(pa[oa + i], s) }
        case (0, 1): let s = pa[oa]; for i in 0..<inner { out[o + i] = K.apply(s, pb[ob + i]) }
        default: for i in 0..<inner { out[o + i] = K.apply(pa[oa + i * ia], pb[ob + i * ib]) }
        }
        o += inner
        var d = r - 2
        while d >= 0 {
            idx[d] += 1; oa += sa[d]; ob += sb[d]
            if idx[d] < shape[d] { break }
            oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]; idx[d] = 0
            d -= 1
        }
    }
}
