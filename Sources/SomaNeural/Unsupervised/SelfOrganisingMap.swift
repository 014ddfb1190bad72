import Foundation
import SomaCore

/// The inner loop of a self-organising map, fused: for each step, the
/// best-matching unit of one sample and the Gaussian-neighbourhood update of
/// every unit. The schedules and the sample order are chosen by the caller
/// (Stdlib/neural/som.soma), so this file holds only arithmetic. Its errors
/// are `TensorError`s, as the tensor operations the Soma version uses give.
extension Tensor {
    /// Trains SOM weights in place of a copy and returns them.
    ///
    /// For step t: x = X[picks[t]], u = argmin_v ‖x − W_v‖² (first on ties),
    /// θ_v = exp(−‖g_v − g_u‖² / (2 σ_t²)) with g_v = (v ÷ cols, v % cols), and
    /// W_v ← W_v + α_t θ_v (x − W_v). Units with θ_v below 1e-300 are left alone
    /// (their update underflows to zero anyway).
    ///
    /// - Parameters:
    ///   - weights: units x dim.
    ///   - samples: n x dim.
    ///   - picks: one sample index per step.
    ///   - alpha: learning rate per step.
    ///   - sigma: neighbourhood width per step (lattice units, > 0).
    ///   - cols: lattice columns; units must be a multiple of cols.
    /// - Throws: `TensorError.shape`/`.index`/`.value` for inputs that do not fit.
    public static func somTrain(weights: Tensor, samples: Tensor, picks: Tensor, alpha: Tensor,
                                sigma: Tensor, cols: Int) throws -> Tensor {
        guard weights.rank == 2, samples.rank == 2, weights.shape[1] == samples.shape[1] else {
            throw TensorError.shape("weights (units x dim) and samples (n x dim) must be matrices of one width, got \(weights.shape) and \(samples.shape)")
        }
        let units = weights.shape[0], dim = weights.shape[1], n = samples.shape[0]
        guard cols >= 1, units % cols == 0 else {
            throw TensorError.value("the \(units) units do not fill a lattice of \(cols) columns")
        }
        let steps = picks.count
        guard alpha.count == steps, sigma.count == steps else {
            throw TensorError.shape("picks, alpha and sigma need one value per step, got \(steps), \(alpha.count), \(sigma.count)")
        }
        // Each read once: a float32 tensor's `data` converts on every access.
        let pickValues = picks.data, alphas = alpha.data, sigmas = sigma.data
        var order = [Int](repeating: 0, count: steps)
        for t in 0..<steps {
            let p = pickValues[t]
            guard let i = Int(exactly: p) else {
                throw TensorError.index("picks: an index must be a whole number, got \(p)")
            }
            guard i >= 0, i < n else {
                throw TensorError.outOfRange(index: i, axis: 0, size: n)
            }
            guard sigmas[t] > 0, sigmas[t].isFinite, alphas[t].isFinite else {
                throw TensorError.value("sigma must be positive and alpha finite at step \(t)")
            }
            order[t] = i
        }
        var w = weights.data
        let x = samples.data
        let rows = units / cols
        w.withUnsafeMutableBufferPointer { wp in
            x.withUnsafeBufferPointer { xp in
                var rowFactor = [Double](repeating: 0, count: rows)
                var colFactor = [Double](repeating: 0, count: cols)
                for t in 0..<steps {
                    let xo = order[t] * dim
                    var best = 0, bestD = Double.infinity
                    for v in 0..<units {
                        let wo = v * dim
                        var d = 0.0
                        for j in 0..<dim {
                            let e = xp[xo + j] - wp[wo + j]
                            d += e * e
                        }
                        if d < bestD { bestD = d; best = v }
                    }
                    // θ separates over the lattice axes: exp(−dr²/2σ²)·exp(−dc²/2σ²).
                    let br = best / cols, bc = best % cols
                    let k = -1 / (2 * sigmas[t] * sigmas[t])
                    for r in 0..<rows { let d = Double(r - br); rowFactor[r] = Foundation.exp(d * d * k) }
                    for c in 0..<cols { let d = Double(c - bc); colFactor[c] = Foundation.exp(d * d * k) }
                    let a = alphas[t]
                    for r in 0..<rows {
                        let ar = a * rowFactor[r]
                        if ar < 1e-300 { continue }
                        for c in 0..<cols {
                            let g = ar * colFactor[c]
                            if g < 1e-300 { continue }
                            let wo = (r * cols + c) * dim
                            for j in 0..<dim { wp[wo + j] += g * (xp[xo + j] - wp[wo + j]) }
                        }
                    }
                }
            }
        }
        return Tensor(shape: weights.shape, data: w)
    }
}
