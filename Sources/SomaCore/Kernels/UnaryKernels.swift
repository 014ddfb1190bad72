import Foundation

/// One elementwise function of a number; a type so loops specialise per op.
protocol UnaryKernel { static func apply<T: KernelFloat>(_ x: T) -> T }

enum NegKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { -x } }
enum AbsKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { Swift.abs(x) } }
enum SqrtKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x.squareRoot() } }
enum LogKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { T.logarithm(x) } }
enum TanKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { T.tangent(x) } }
enum TanhKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { T.hyperbolicTangent(x) } }
enum ArctanKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { T.arctangent(x) } }
enum FloorKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x.rounded(.down) } }
enum CeilKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x.rounded(.up) } }
/// Half to even, as numpy's `round`.
enum RoundKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x.rounded(.toNearestOrEven) } }
enum SignKernel: UnaryKernel {
    @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) }
}
enum ReluKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x > 0 ? x : 0 } }
enum SquareKernel: UnaryKernel { @inline(__always) static func apply<T: KernelFloat>(_ x: T) -> T { x * x } }

/// Applies `K` to every element.
@inline(__always)
func unaryMap<K: UnaryKernel, T: KernelFloat>(_: K.Type, _ x: [T]) -> [T] { unaryMap(K.self, x[...]) }

/// Applies `K` to every element of a slice.
@inline(__always)
func unaryMap<K: UnaryKernel, T: KernelFloat>(_: K.Type, _ x: ArraySlice<T>) -> [T] {
    let n = x.count
    return freshBuffer(n) { out in
        x.withUnsafeBufferPointer { px in
            for i in 0..<n { out[i] = K.apply(px[i]) }
        }
    }
}
