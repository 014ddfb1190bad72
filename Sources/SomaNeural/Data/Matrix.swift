import SomaCore

extension Tensor {
    /// Rows and columns of a tensor read as samples: a matrix as is, a
    /// vector as one row, a scalar as 1 x 1, more axes as rows of the rest.
    var matrixSize: (rows: Int, cols: Int) {
        switch rank {
        case 0: return (1, 1)
        case 1: return (1, shape[0])
        default:
            let n = shape[0]
            return (n, n == 0 ? 0 : count / n)
        }
    }
}
