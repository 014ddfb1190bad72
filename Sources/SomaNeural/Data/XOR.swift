import SomaCore

/// The XOR problem: inputs (0,0), (0,1), (1,0), (1,1) with targets 0, 1, 1, 0.
public func xorData() -> (inputs: Tensor, targets: Tensor) {
    (Tensor(shape: [4, 2], data: [0, 0, 0, 1, 1, 0, 1, 1]),
     Tensor(shape: [4, 1], data: [0, 1, 1, 0]))
}
