import Foundation

/// A seeded pseudo-random source (SplitMix64): the same seed gives the same
/// stream on every platform, so shuffles, initial weights and dropout masks
/// are reproducible.
///
///     var rng = RandomSource(seed: 42)
///     let u = rng.uniform()          // in [0, 1)
public struct RandomSource: RandomNumberGenerator {
    private var state: UInt64

    /// Starts a stream from `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal number (Box-Muller; the second value is discarded to
    /// keep the generator a plain value without cached state).
    public mutating func normal() -> Double {
        var u = uniform()
        while u <= .leastNonzeroMagnitude { u = uniform() }
        let v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// A random permutation of `0..<n` (Fisher-Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        var i = n - 1
        while i > 0 {
            let j = Int(next() % UInt64(i + 1))
            p.swapAt(i, j)
            i -= 1
        }
        return p
    }
}
