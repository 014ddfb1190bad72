import SomaCore
import SomaLang

extension Library {
    /// Convolution and pooling (SomaCore's `conv2d`, `maxPool`, `avgPool`),
    /// all differentiable by `grad`.
    static var tensorConvolution: [Builtin] {
        [
            tensorBuiltin("conv2d(x, w, stride: 1, pad: 0, bias: nil, act: \"none\")", doc: """
                The 2-D cross-correlation of images with kernels, as PyTorch's Conv2d without bias:
                out[n, o, y, x] = Σ_c,i,j w[o, c, i, j] · x[n, c, y·stride + i − pad, x·stride + j − pad],
                zero padding. x is N x C x H x W and w is O x C x k x k (output N x O x Ho x Wo,
                Ho = (H + 2 pad − k) / stride + 1, rounded down). For one image: x an H x W matrix
                and w one k x k kernel gives one feature map, or w a stack of O kernels (O x k x k)
                gives O maps. bias (one number per kernel) is added to each map, and act: "relu"
                applies max(z, 0), in the same pass (what a convolutional layer computes). Computed
                image by image by im2col and BLAS (two threads for large batches); differentiable by grad.
                Example: conv2d(image, [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]) gives the vertical edges
                """) { args in
                let x = try args.tensor(0, "x"), w = try args.tensor(1, "w")
                let stride = try args.keywordInt("stride", default: 1), pad = try args.keywordInt("pad", default: 0)
                let bias = try args.keywordTensor("bias")
                let act = try args.keywordString("act", default: "none")
                guard act == "none" || act == "relu" else {
                    throw SomaError.value("conv2d: act must be \"none\" or \"relu\", got \(act)")
                }
                switch (x.rank, w.rank) {
                case (4, 4):
                    return Value(try x.conv2d(w, bias: bias, relu: act == "relu", stride: stride, pad: pad))
                case (2, 2), (2, 3):
                    let image = try x.reshaped([1, 1] + x.shape)
                    let kernels = try w.reshaped(w.rank == 2 ? [1, 1] + w.shape : [w.shape[0], 1] + w.shape.suffix(2))
                    let maps = try image.conv2d(kernels, bias: bias, relu: act == "relu", stride: stride, pad: pad)
                    let planes = w.rank == 2 ? [] : [w.shape[0]]
                    return Value(try maps.reshaped(planes + maps.shape.suffix(2)))
                default:
                    throw SomaError.shape("conv2d: give an N x C x H x W batch with O x C x k x k kernels, or an H x W image with a k x k kernel or O x k x k kernels; got shapes \(x.shape) and \(w.shape)")
                }
            },
            tensorBuiltin("maxpool(x, k = 2)", doc: """
                The maximum of each k x k window of the last two axes, windows side by side
                (stride k; rows and columns left over are dropped, as PyTorch's MaxPool2d(k)).
                Works on an H x W image or an N x C x H x W batch. The gradient goes to each
                window's maximum.
                Example: maxpool([[1, 2], [3, 4]], 2) gives [[4]]
                """) { args in
                Value(try args.tensor(0, "x").maxPool(args.count > 1 ? args.int(1, "k") : 2))
            },
            tensorBuiltin("avgpool(x, k = 2)", doc: """
                The mean of each k x k window of the last two axes, windows side by side
                (stride k, left-over rows and columns dropped, as PyTorch's AvgPool2d(k)).
                Example: avgpool([[1, 2], [3, 4]], 2) gives [[2.5]]
                """) { args in
                Value(try args.tensor(0, "x").avgPool(args.count > 1 ? args.int(1, "k") : 2))
            },
        ]
    }
}
