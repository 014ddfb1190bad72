import Foundation
import Testing
import SomaCore
import SomaNeural

/// One step of the fused SOM kernel against the update written out by hand:
/// BMU = nearest row, θ = exp(−d²/2σ²) on the lattice, W_v += αθ_v(x − W_v).
@Test func somTrainOneStepMatchesTheFormula() throws {
    let w = Tensor(shape: [4, 2], data: [0, 0, 1, 0, 0, 1, 1, 1])   // a 2 x 2 lattice
    let x = Tensor(shape: [1, 2], data: [0.9, 0.8])                  // nearest: unit 3 at (1, 1)
    let got = try Tensor.somTrain(weights: w, samples: x, picks: Tensor([0]), alpha: Tensor([0.5]),
                                  sigma: Tensor([1]), cols: 2)
    for v in 0..<4 {
        let (r, c) = (Double(v / 2), Double(v % 2))
        let theta = Foundation.exp(-((r - 1) * (r - 1) + (c - 1) * (c - 1)) / 2)
        for j in 0..<2 {
            let want = w.data[v * 2 + j] + 0.5 * theta * (x.data[j] - w.data[v * 2 + j])
            #expect(abs(got.data[v * 2 + j] - want) < 1e-15)
        }
    }
}

/// Inputs that do not fit are errors, not traps.
@Test func somTrainRejectsBadInput() {
    let w = Tensor(repeating: 0, shape: [6, 3])
    let x = Tensor(repeating: 0, shape: [2, 3])
    #expect(throws: TensorError.self) {
        try Tensor.somTrain(weights: w, samples: x, picks: Tensor([2]), alpha: Tensor([0.1]), sigma: Tensor([1]), cols: 3)
    }
    #expect(throws: TensorError.self) {
        try Tensor.somTrain(weights: w, samples: x, picks: Tensor([0]), alpha: Tensor([0.1]), sigma: Tensor([1]), cols: 4)
    }
    #expect(throws: TensorError.self) {
        try Tensor.somTrain(weights: w, samples: x, picks: Tensor([0.5]), alpha: Tensor([0.1]), sigma: Tensor([0]), cols: 3)
    }
    #expect(throws: TensorError.self) {
        try Tensor.somTrain(weights: w, samples: Tensor(repeating: 0, shape: [2, 4]), picks: Tensor([0]),
                            alpha: Tensor([0.1]), sigma: Tensor([1]), cols: 3)
    }
}
