/// A layer applying an activation function to every element (softmax: to
/// every row).
public final class ActivationLayer: Layer {
    public let activation: Activation
    public var parameters: [Parameter] { [] }
    public var description: String { "Activation(\(activation.rawValue))" }

    private var z = Batch(rows: 0, cols: 0)
    private var y = Batch(rows: 0, cols: 0)
    private var dz = Batch(rows: 0, cols: 0)

    public init(_ activation: Activation) { self.activation = activation }

    public func outputWidth(forInput width: Int) throws -> Int { width }

    public func forward(_ x: Batch, training: Bool) -> Batch {
        y.resize(rows: x.rows, cols: x.cols)
        x.data.withUnsafeBufferPointer { xs in
            y.data.withUnsafeMutableBufferPointer { ys in
                guard let xp = xs.baseAddress, let yp = ys.baseAddress else { return }
                activation.applyRows(xp, yp, rows: x.rows, cols: x.cols)
            }
        }
        z = training ? x : Batch(rows: 0, cols: 0)
        return y
    }

    public func backward(_ g: Batch, needInputGradient: Bool) -> Batch {
        guard needInputGradient else { z = Batch(rows: 0, cols: 0); return Batch(rows: 0, cols: 0) }
        dz.resize(rows: g.rows, cols: g.cols)
        z.data.withUnsafeBufferPointer { zs in
            y.data.withUnsafeBufferPointer { ys in
                g.data.withUnsafeBufferPointer { gs in
                    dz.data.withUnsafeMutableBufferPointer { ds in
                        guard let zp = zs.baseAddress, let yp = ys.baseAddress,
                              let gp = gs.baseAddress, let dp = ds.baseAddress else { return }
                        activation.backwardRows(z: zp, y: yp, g: gp, dz: dp, rows: g.rows, cols: g.cols)
                    }
                }
            }
        }
        z = Batch(rows: 0, cols: 0)
        return dz
    }
}
