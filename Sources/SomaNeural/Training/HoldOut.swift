import SomaCore

/// The split of a training set into rows that train and rows held out for
/// validation, after a seeded shuffle.
public struct HoldOut: Equatable {
    public var train: [Int]
    public var validation: [Int]

    /// Holds out `fraction` of `rows` (rounded, at least one, never all);
    /// no shuffle is drawn when `fraction` is 0.
    public init(rows: Int, fraction: Double, rng: inout RandomGenerator) throws {
        guard fraction > 0 else {
            train = Array(0..<rows)
            validation = []
            return
        }
        let order = try rng.permutation(rows).data.map { Int($0) }
        let n = min(rows - 1, max(1, Int((Double(rows) * fraction).rounded())))
        validation = Array(order[0..<max(n, 0)])
        train = Array(order[max(n, 0)...])
    }
}
