import Foundation

/// A seeded pseudo-random stream: xoshiro256** seeded through splitmix64.
///
/// A value type with no hidden global state: a session owns one and every
/// draw advances it, so the same seed gives the same numbers on every machine.
///
///     var rng = RandomGenerator(seed: 42)
///     let w = rng.randn([3, 4])
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A stream determined entirely by `seed`.
    public init(seed: UInt64) {
        // splitmix64 spreads any seed (even 0) over the 256-bit state.
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal number by the Box-Muller transform (the sine partner is discarded,
    /// so a stream never depends on how draws were batched).
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()   // (0, 1]: log stays finite
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// Uniform numbers in [0, 1) of the given shape; float32 ones are the
    /// same draws rounded (made without a float64 copy).
    public mutating func rand(_ shape: [Int], dtype: DType = .float64) throws -> Tensor {
        let s = try Tensor.checkedShape(shape)
        switch dtype {
        case .float64: return Tensor(shape: s, data: (0..<Shape.count(s)).map { _ in uniform() })
        // Rounding can carry a draw just below 1 up to 1: keep [0, 1) as numpy does.
        case .float32: return Tensor(shape: s, floats: (0..<Shape.count(s)).map { _ in Swift.min(Float(uniform()), 1 - Float.ulpOfOne / 2) })
        }
    }

    /// Standard normal numbers of the given shape (float32: the same draws rounded).
    public mutating func randn(_ shape: [Int], dtype: DType = .float64) throws -> Tensor {
        let s = try Tensor.checkedShape(shape)
        switch dtype {
        case .float64: return Tensor(shape: s, data: (0..<Shape.count(s)).map { _ in normal() })
        case .float32: return Tensor(shape: s, floats: (0..<Shape.count(s)).map { _ in Float(normal()) })
        }
    }

    /// `shape` integers uniform in `lo..<hi`.
    ///
    /// - Throws: `TensorError.value` when the range is empty.
    public mutating func randint(_ lo: Int, _ hi: Int, _ shape: [Int]) throws -> Tensor {
        guard hi > lo else { throw TensorError.value("randint needs lo < hi, got \(lo) and \(hi)") }
        let s = try Tensor.checkedShape(shape)
        // hi > lo, so the span fits in UInt64 even when hi - lo overflows Int.
        let span = UInt64(bitPattern: Int64(hi) &- Int64(lo))
        return Tensor(shape: s, data: (0..<Shape.count(s)).map { _ in Double(lo &+ Int(truncatingIfNeeded: below(span))) })
    }

    /// `0..<n` in random order (Fisher-Yates).
    public mutating func permutation(_ n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError.value("permutation needs a non-negative count, got \(n)") }
        _ = try Shape.checkedCount([n])
        var p = (0..<n).map(Double.init)
        fisherYates(&p)
        return Tensor(p)
    }

    /// `x` with its rows (first-axis entries) in random order.
    public mutating func shuffled(_ x: Tensor) throws -> Tensor {
        guard x.rank > 0 else { return x }
        return try x.get([.indices(permutation(x.shape[0]))])
    }

    /// `n` rows of `x` drawn at random, with or without replacement.
    public mutating func choice(_ x: Tensor, _ n: Int, replace: Bool = true) throws -> Tensor {
        guard x.rank > 0, x.shape[0] > 0 else { throw TensorError.value("choice needs a non-empty tensor") }
        guard n >= 0 else { throw TensorError.value("choice needs a non-negative count, got \(n)") }
        _ = try Shape.checkedCount([n] + Array(x.shape.dropFirst()))
        let rows = x.shape[0]
        if replace {
            return try x.get([.indices(Tensor((0..<n).map { _ in Double(below(UInt64(rows))) }))])
        }
        guard n <= rows else { throw TensorError.value("cannot choose \(n) of \(rows) rows without replacement") }
        let p = try permutation(rows)
        return try x.get([.indices(Tensor(Array(p.data.prefix(n))))])
    }

    private mutating func fisherYates(_ p: inout [Double]) {
        guard p.count > 1 else { return }
        for i in stride(from: p.count - 1, to: 0, by: -1) {
            let j = Int(below(UInt64(i + 1)))
            p.swapAt(i, j)
        }
    }
}
