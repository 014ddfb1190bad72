/// The XOR problem: inputs (0,0), (0,1), (1,0), (1,1) with targets 0, 1, 1, 0.
public func xorData() -> (inputs: Batch, targets: Batch) {
    (Batch(uncheckedRows: 4, cols: 2, data: [0, 0, 0, 1, 1, 0, 1, 1]),
     Batch(uncheckedRows: 4, cols: 1, data: [0, 1, 1, 0]))
}
