import SomaCore

/// A dropout layer's reused matrices for element type `T`.
final class DropoutBuffers<T: TensorElement>: FusedBuffers {
    var y = Batch<T>()
    var dx = Batch<T>()
    init() {}
}

extension Dropout: FusedLayer {
    func forwardRows(_ x: Batch<Double>, training: Bool) -> Batch<Double> { forward(x, training: training) }
    func forwardRows(_ x: Batch<Float>, training: Bool) -> Batch<Float> { forward(x, training: training) }
    func backwardRows(_ g: Batch<Double>, needInputGradient: Bool) -> Batch<Double> {
        backward(g, needInputGradient: needInputGradient)
    }
    func backwardRows(_ g: Batch<Float>, needInputGradient: Bool) -> Batch<Float> {
        backward(g, needInputGradient: needInputGradient)
    }

    private func forward<T: TensorElement>(_ x: Batch<T>, training: Bool) -> Batch<T> {
        guard training, rate > 0 else { return x }
        let buf: DropoutBuffers<T> = fusedBuffers(&buffers)
        let n = x.data.count
        drawMask(count: n)
        buf.y.resize(rows: x.rows, cols: x.cols)
        for i in 0..<n { buf.y.data[i] = x.data[i] * T(mask[i]) }
        return buf.y
    }

    private func backward<T: TensorElement>(_ g: Batch<T>, needInputGradient: Bool) -> Batch<T> {
        guard needInputGradient else { return Batch() }
        guard rate > 0, mask.count == g.data.count else { return g }
        let buf: DropoutBuffers<T> = fusedBuffers(&buffers)
        buf.dx.resize(rows: g.rows, cols: g.cols)
        for i in 0..<g.data.count { buf.dx.data[i] = g.data[i] * T(mask[i]) }
        return buf.dx
    }
}
