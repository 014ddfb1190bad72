import Foundation

/// One elementwise function of a number; a type so loops specialise per op.
protocol UnaryKernel { static func apply(_ x: Double) -> Double }

enum NegKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { -x } }
enum AbsKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { Swift.abs(x) } }
enum SqrtKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x.squareRoot() } }
enum LogKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { Foundation.log(x) } }
enum TanKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { Foundation.tan(x) } }
enum TanhKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { Foundation.tanh(x) } }
enum ArctanKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { Foundation.atan(x) } }
enum FloorKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x.rounded(.down) } }
enum CeilKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x.rounded(.up) } }
/// Half to even, as numpy's `round`.
enum RoundKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x.rounded(.toNearestOrEven) } }
enum SignKernel: UnaryKernel {
    @inline(__always) static func apply(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) }
}
enum ReluKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x > 0 ? x : 0 } }
enum SquareKernel: UnaryKernel { @inline(__always) static func apply(_ x: Double) -> Double { x * x } }

/// Applies `K` to every element.
@inline(__always)
func unaryMap<K: UnaryKernel>(_: K.Type, _ x: [Double]) -> [Double] {
    let n = x.count
    return freshBuffer(n) { out in
        x.withUnsafeBufferPointer { px in
            for i in 0..<n { out[i] = K.apply(px[i]) }
        }
    }
}
