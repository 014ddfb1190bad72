import Foundation
import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// Data sets and files: digits, XOR, IDX and CSV, train/test splits.
    static var data: LibrarySection {
        refusingTrackedArguments(LibrarySection(name: "data", builtins: [
            Builtin("digits()", doc: """
                The handwritten digits shipped with Soma, as a record {images, labels}.
                images is 1797 x 64 with values in 0..16 (8 x 8 pictures, row-major) and labels
                holds the digits 0..9 (UCI, Alpaydin & Kaynak 1998, CC BY 4.0).
                Example:
                    d = digits()
                    imshow(reshape(d.images[0], 8, 8), cmap: "gray"); title("label {d.labels[0]}")
                """) { _ in
                let d = DigitsData.load()
                return Value(Record(["images": Value(d.images), "labels": vectorValue(d.labels)]))
            },
            Builtin("xor()", doc: """
                The XOR problem as [X, T]: X is 4 x 2, T is 4 x 1 (targets 0, 1, 1, 0).
                Example:
                    X, T = xor()
                    net = Network([2, 3, 1], seed: 1); net.learn(X, T, epochs: 500, lr: 4)
                """) { _ in
                let (x, t) = xorData()
                return Value([Value(x), Value(t)])
            },
            Builtin("split(X, T, frac, seed:)", doc: """
                Shuffles the samples (seeded) and holds out the fraction `frac` for testing.
                Returns [Xtrain, Ttrain, Xtest, Ttest] with the rows of X and T kept together.
                Example:
                    d = digits()
                    Xtrain, Ttrain, Xtest, Ttest = split(d.images, d.labels, 0.2, seed: 1)
                    len(Xtest)  # 359
                """) { args in
                let xt = try args.tensor(0, "X"), tt = try args.tensor(1, "T")
                let frac = try args.number(2, "frac")
                guard xt.rank >= 1, tt.rank >= 1 else { throw SomaError.shape("split: X and T need a first axis of samples") }
                let s = try neuralCall("split") {
                    try split(xt, tt, testFraction: frac, seed: try args.seed())
                }
                // Each part keeps its argument's trailing shape (images stay images, labels a vector).
                return Value([Value(s.xTrain), Value(s.tTrain), Value(s.xTest), Value(s.tTest)])
            },
            Builtin("shift_images(X, dx, dy, shape:)", doc: """
                Each image (a row of X) moved dx pixels right and dy pixels down, for data augmentation.
                `shape` is the [height, width] of one image; uncovered pixels become 0.
                Example:
                    d = digits()
                    shifted = shift_images(d.images, 1, 0, shape: [8, 8])
                """) { args in
                let (x, h, w, t) = try imageRows(args)
                let out = try neuralCall("shift_images") {
                    try Augment.shift(x, width: w, height: h, dx: try args.int(1, "dx"), dy: try args.int(2, "dy"))
                }
                return Value(Tensor(shape: t.shape, data: out.data))
            },
            Builtin("rotate_images(X, angle, shape:)", doc: """
                Each image (a row of X) rotated by `angle` radians about its centre, for data augmentation.
                `shape` is the [height, width] of one image; values between pixels are interpolated
                bilinearly.
                Example:
                    d = digits()
                    imshow(reshape(rotate_images(d.images[0:1], pi / 6, shape: [8, 8]), 8, 8))
                """) { args in
                let (x, h, w, t) = try imageRows(args)
                let out = try neuralCall("rotate_images") {
                    try Augment.rotate(x, width: w, height: h, angle: try args.number(1, "angle"))
                }
                return Value(Tensor(shape: t.shape, data: out.data))
            },
            Builtin("add_noise(X, sigma, seed:)", doc: """
                X plus Gaussian noise of standard deviation sigma (seeded), for data augmentation.
                Example: noisy = add_noise(digits().images, 2, seed: 1)
                """) { args in
                let t = try args.tensor(0, "X")
                let sigma = try args.number(1, "sigma")
                guard sigma >= 0, sigma.isFinite else { throw SomaError.value("add_noise: sigma must be a non-negative number") }
                return Value(Augment.noise(t, sigma: sigma, seed: try args.seed()))
            },
            Builtin("read_idx(path)", doc: """
                Reads an IDX file (the MNIST format; gunzip first) into a tensor of its shape.
                Example:
                    write_idx("labels.idx", [3, 1, 4])
                    read_idx("labels.idx")  # [3, 1, 4]
                """) { args in
                let path = try args.context.resolvePath(try args.string(0, "path"), for: .read, caller: "read_idx")
                return Value(try neuralCall("read_idx") { try IDX.read(path: path) { try args.context.checkInterrupt() } })
            },
            Builtin("write_idx(path, x)", doc: """
                Writes a tensor as an IDX file (unsigned bytes when all values are 0..255 integers).
                Example: write_idx("images.idx", digits().images[0:10])
                """) { args in
                let path = try args.context.resolvePath(try args.string(0, "path"), for: .write, caller: "write_idx")
                let x = try args.tensor(1, "x")
                try neuralCall("write_idx") { try IDX.write(x, path: path) }
                return .nil
            },
            Builtin("read_csv(path)", doc: """
                Reads a numeric CSV file into a matrix, one sample per line.
                A first line that is not numbers is skipped as a header.
                Example:
                    write_csv("points.csv", [[1, 2], [3, 4]], header: ["x", "y"])
                    read_csv("points.csv")  # [[1, 2], [3, 4]]
                """) { args in
                let path = try args.context.resolvePath(try args.string(0, "path"), for: .read, caller: "read_csv")
                return Value(try neuralCall("read_csv") { try CSV.read(path: path) { try args.context.checkInterrupt() } }.values)
            },
            Builtin("write_csv(path, x, header:)", doc: """
                Writes a matrix (or a vector, one value per line) as CSV, with an optional list of column names.
                Example: write_csv("rates.csv", [[0.5, 12], [1.5, 41.7]], header: ["v", "rate"])
                """) { args in
                let path = try args.context.resolvePath(try args.string(0, "path"), for: .write, caller: "write_csv")
                let x = try sampleRows(try args.tensor(1, "x"), vectorIsOneSample: false)
                let header = try args.keyword("header").map { v in
                    try (v.isNil ? [] : args.list(-1, "header")).map { item -> String in
                        guard let s = item.stringValue else { throw SomaError.type("write_csv: header must be a list of strings") }
                        return s
                    }
                } ?? []
                try neuralCall("write_csv") { try CSV.write(x, path: path, header: header) }
                return .nil
            },
        ]))
    }
}

/// Images one per row for the augmentation builtins: (rows, height, width, original tensor).
private func imageRows(_ args: Arguments) throws -> (Tensor, Int, Int, Tensor) {
    let t = try args.tensor(0, "X")
    let shape = try args.keywordTensor("shape")
    guard let shape, shape.count == 2, let h = Int(exactly: shape.data[0]), let w = Int(exactly: shape.data[1]),
          h > 0, w > 0 else {
        throw SomaError.value("\(args.callee): shape: must be [height, width] of each image")
    }
    guard t.count % (h * w) == 0 else {
        throw SomaError.shape("\(args.callee): \(t.count) values do not split into images of \(h) x \(w)")
    }
    let x = try t.reshaped([t.count / (h * w), h * w])
    return (x, h, w, t)
}
