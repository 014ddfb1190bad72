/// Splits samples into training and test sets after a seeded shuffle.
///
/// `testFraction` of the rows (rounded, at least one of each when possible)
/// are held out for testing, the rest train; rows of `x` and `t` stay paired.
///
/// - Throws: `NeuralError` when the row counts differ or the fraction is not in (0, 1).
public func split(_ x: Batch, _ t: Batch, testFraction: Double, seed: UInt64 = 0)
    throws -> (xTrain: Batch, tTrain: Batch, xTest: Batch, tTest: Batch) {
    guard x.rows == t.rows else { throw NeuralError.shape("split: \(x.rows) input rows but \(t.rows) target rows") }
    guard testFraction > 0, testFraction < 1 else {
        throw NeuralError.value("split: the test fraction must be between 0 and 1, got \(testFraction)")
    }
    var rng = RandomSource(seed: seed)
    let order = rng.permutation(x.rows)
    var nTrain = x.rows - Int((Double(x.rows) * testFraction).rounded())
    if x.rows >= 2 { nTrain = min(max(nTrain, 1), x.rows - 1) }
    let train = Array(order[0..<nTrain]), test = Array(order[nTrain...])
    return (x.rows(train), t.rows(train), x.rows(test), t.rows(test))
}
