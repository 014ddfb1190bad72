extension Dropout: FusedLayer {
    func forwardRows(_ x: Batch, training: Bool) -> Batch {
        guard training, rate > 0 else { return x }
        let n = x.data.count
        drawMask(count: n)
        y.resize(rows: x.rows, cols: x.cols)
        for i in 0..<n { y.data[i] = x.data[i] * mask[i] }
        return y
    }

    func backwardRows(_ g: Batch, needInputGradient: Bool) -> Batch {
        guard needInputGradient else { return Batch(rows: 0, cols: 0) }
        guard rate > 0, mask.count == g.data.count else { return g }
        dx.resize(rows: g.rows, cols: g.cols)
        for i in 0..<g.data.count { dx.data[i] = g.data[i] * mask[i] }
        return dx
    }
}
