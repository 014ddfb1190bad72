/// How a reduction folds numbers together; a type so loops specialise.
protocol ReduceKernel {
    static func identity<T: KernelFloat>() -> T
    static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T
}

enum SumReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { 0 }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { acc + x }
}
enum ProdReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { 1 }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { acc * x }
}
enum MaxReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { -.infinity }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { MaxKernel.apply(acc, x) }
}
enum MinReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { .infinity }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { MinKernel.apply(acc, x) }
}
/// 1 when any element is non-zero.
enum AnyReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { 0 }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { (acc != 0 || x != 0) ? 1 : 0 }
}
/// 1 when every element is non-zero.
enum AllReduce: ReduceKernel {
    @inline(__always) static func identity<T: KernelFloat>() -> T { 1 }
    @inline(__always) static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T { (acc != 0 && x != 0) ? 1 : 0 }
}

/// Folds the middle axis of `x` viewed as `[outer, n, inner]`, giving `[outer, inner]`.
///
/// With `inner > 1` each step folds a whole contiguous row into the
/// accumulator row, which vectorises; with `inner == 1` a sum keeps four
/// independent partial sums so additions pipeline.
@inline(__always)
func reduceMiddle<K: ReduceKernel, T: KernelFloat>(_: K.Type, _ x: ArraySlice<T>, outer: Int, n: Int, inner: Int) -> [T] {
    let count = outer * inner
    return [T](unsafeUninitializedCapacity: count) { out, initialized in
        x.withUnsafeBufferPointer { px in
            for i in 0..<count { out[i] = K.identity() as T }
            if inner == 1 {
                for o in 0..<outer {
                    let base = o * n
                    let id: T = K.identity()
                    var a0 = id, a1 = id, a2 = id, a3 = id
                    var k = 0
                    while k + 4 <= n {
                        a0 = K.combine(a0, px[base + k]); a1 = K.combine(a1, px[base + k + 1])
                        a2 = K.combine(a2, px[base + k + 2]); a3 = K.combine(a3, px[base + k + 3])
                        k += 4
                    }
                    while k < n { a0 = K.combine(a0, px[base + k]); k += 1 }
                    out[o] = K.combine(K.combine(a0, a1), K.combine(a2, a3))
                }
            } else {
                for o in 0..<outer {
                    let ob = o * inner
                    for k in 0..<n {
                        let xb = (o * n + k) * inner
                        for i in 0..<inner { out[ob + i] = K.combine(out[ob + i], px[xb + i]) }
                    }
                }
            }
        }
        initialized = count
    }
}

/// Index of the first largest (`largest`) or smallest element along the
/// middle axis of `[outer, n, inner]`; NaN counts as the extreme, as in numpy.
func argReduceMiddle<T: KernelFloat>(_ x: ArraySlice<T>, outer: Int, n: Int, inner: Int, largest: Bool) -> [Double] {
    var out = [Double](repeating: 0, count: outer * inner)
    x.withUnsafeBufferPointer { px in
        for o in 0..<outer {
            for i in 0..<inner {
                var best = px[o * n * inner + i], at = 0
                if !best.isNaN {
                    for k in 1..<max(n, 1) {
                        let v = px[(o * n + k) * inner + i]
                        if v.isNaN { at = k; break }
                        if largest ? v > best : v < best { best = v; at = k }
                    }
                }
                out[o * inner + i] = Double(at)
            }
        }
    }
    return out
}
