import CBLAS

/// A fully connected layer: y = x·W + b, with W of shape inputs x outputs
/// (rows of x are samples, as in the course's numpy code).
///
///     let layer = Dense(inputs: 784, outputs: 128, initializer: .xavier, seed: 1)
public final class Dense: Layer {
    public let inputs: Int
    public let outputs: Int
    /// Weights, inputs x outputs.
    public let W: Parameter
    /// Biases, one per output.
    public let b: Parameter
    public var parameters: [Parameter] { [W, b] }
    public var description: String { "Dense(\(inputs) -> \(outputs))" }

    /// Precision of the matrix products; `.single` halves their cost (as
    /// numpy's float32 code), `.double` keeps gradients exact to ~1e-15.
    public var precision: Precision = .double

    var input = Batch(rows: 0, cols: 0)
    var output = Batch(rows: 0, cols: 0)
    var gradInput = Batch(rows: 0, cols: 0)
    var single = SingleBuffers()

    /// A layer with weights drawn by `initializer` from a stream seeded by `seed`.
    public init(inputs: Int, outputs: Int, initializer: Initializer = .xavier, seed: UInt64 = 0) {
        self.inputs = inputs
        self.outputs = outputs
        var rng = RandomSource(seed: seed)
        W = Parameter(name: "W", shape: [inputs, outputs],
                      value: initializer.sample(fanIn: inputs, fanOut: outputs, using: &rng), decays: true)
        b = Parameter(name: "b", shape: [outputs], value: [Double](repeating: 0, count: outputs), decays: false)
    }

    public func outputWidth(forInput width: Int) throws -> Int {
        guard width == inputs else {
            throw NeuralError.shape("\(description) takes \(inputs) features per sample, got \(width)")
        }
        return outputs
    }

    public func forward(_ x: Batch, training: Bool) -> Batch {
        let rows = x.rows
        output.resize(rows: rows, cols: outputs)
        if precision == .single {
            forwardSingle(x)
            return output
        }
        let (n, m) = (inputs, outputs)
        output.data.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress else { return }
            b.value.withUnsafeBufferPointer { bias in
                guard let bb = bias.baseAddress else { return }
                for r in 0..<rows { (o + r * m).update(from: bb, count: m) }
            }
            x.data.withUnsafeBufferPointer { xs in
                W.value.withUnsafeBufferPointer { ws in
                    guard rows > 0, n > 0, let xp = xs.baseAddress, let wp = ws.baseAddress else { return }
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(m), Int32(n),
                                1, xp, Int32(n), wp, Int32(m), 1, o, Int32(m))
                }
            }
        }
        input = training ? x : Batch(rows: 0, cols: 0)
        return output
    }

    public func backward(_ g: Batch, needInputGradient: Bool) -> Batch {
        if precision == .single { return backwardSingle(g, needInputGradient: needInputGradient) }
        let rows = g.rows
        let (n, m) = (inputs, outputs)
        g.data.withUnsafeBufferPointer { gs in
            guard let gp = gs.baseAddress else { return }
            input.data.withUnsafeBufferPointer { xs in
                W.grad.withUnsafeMutableBufferPointer { dw in
                    guard let xp = xs.baseAddress, let dwp = dw.baseAddress, rows > 0 else { return }
                    // dW = xᵀ·g
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(m), Int32(rows),
                                1, xp, Int32(n), gp, Int32(m), 0, dwp, Int32(m))
                }
            }
            b.grad.withUnsafeMutableBufferPointer { db in
                for j in 0..<m { db[j] = 0 }
                for r in 0..<rows {
                    let row = gp + r * m
                    for j in 0..<m { db[j] += row[j] }
                }
            }
        }
        // Drop the reference to the previous layer's buffer so it can be
        // overwritten in place on the next step.
        input = Batch(rows: 0, cols: 0)
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        gradInput.resize(rows: rows, cols: n)
        g.data.withUnsafeBufferPointer { gs in
            W.value.withUnsafeBufferPointer { ws in
                gradInput.data.withUnsafeMutableBufferPointer { dx in
                    guard rows > 0, let gp = gs.baseAddress, let wp = ws.baseAddress, let dxp = dx.baseAddress else { return }
                    // dx = g·Wᵀ
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(m),
                                1, gp, Int32(m), wp, Int32(m), 0, dxp, Int32(n))
                }
            }
        }
        return gradInput
    }
}
