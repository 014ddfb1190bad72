import SomaCore

/// Splits samples into training and test sets after a seeded shuffle.
///
/// `testFraction` of the rows (rounded, at least one of each when possible)
/// are held out for testing, the rest train; rows of `x` and `t` stay paired.
///
/// - Throws: `NeuralError` when the row counts differ or the fraction is not in (0, 1).
public func split(_ x: Tensor, _ t: Tensor, testFraction: Double, seed: UInt64 = 0)
    throws -> (xTrain: Tensor, tTrain: Tensor, xTest: Tensor, tTest: Tensor) {
    guard x.rank >= 1, t.rank >= 1, x.shape[0] == t.shape[0] else {
        throw NeuralError.shape("split: inputs of shape \(x.shape) and targets of shape \(t.shape) do not have the same number of rows")
    }
    let rows = x.shape[0]
    guard testFraction > 0, testFraction < 1 else {
        throw NeuralError.value("split: the test fraction must be between 0 and 1, got \(testFraction)")
    }
    var rng = RandomGenerator(seed: seed)
    let order = try rng.permutation(rows).data.map { Int($0) }
    var nTrain = rows - Int((Double(rows) * testFraction).rounded())
    if rows >= 2 { nTrain = min(max(nTrain, 1), rows - 1) }
    let train = Array(order[0..<nTrain]), test = Array(order[nTrain...])
    return (try x.rows(train), try t.rows(train), try x.rows(test), try t.rows(test))
}
