import SomaCore
import SomaLang

extension Library {
    /// Activation functions and losses; each is differentiable by `grad`.
    static var tensorActivations: [Builtin] {
        [
            tensorBuiltin("logistic(z)", doc: """
                The logistic sigmoid 1 / (1 + exp(-z)), elementwise; outputs in (0, 1).
                Example: logistic(0) == 0.5
                """) { args in
                Value(try args.tensor(0, "z").logistic())
            },
            tensorBuiltin("relu(z)", doc: """
                The rectified linear unit max(z, 0), elementwise.
                Its gradient at exactly 0 is taken as 0.
                Example: relu([-1, 2])  # [0, 2]
                """) { args in
                Value(try args.tensor(0, "z").relu())
            },
            tensorBuiltin("leaky_relu(z, slope: 0.01)", doc: """
                z for positive z, slope * z otherwise, elementwise.
                Example: leaky_relu([-1, 2], slope: 0.1)  # [-0.1, 2]
                """) { args in
                Value(try args.tensor(0, "z").leakyRelu(slope: args.keywordNumber("slope", default: 0.01)))
            },
            tensorBuiltin("threshold(z)", doc: """
                The threshold unit: 1 where z >= 0, else 0 (gradient 0).
                Example: threshold([-0.5, 0, 2])  # [0, 1, 1]
                """) { args in
                Value(try args.tensor(0, "z").threshold())
            },
            tensorBuiltin("softmax(z, axis: -1)", doc: """
                exp(z) / sum(exp(z)) along `axis` (each row of a matrix by default); sums to 1.
                Example: softmax([0, 0])  # [0.5, 0.5]
                """) { args in
                Value(try args.tensor(0, "z").softmax(axis: args.keywordInt("axis", default: -1)))
            },
            tensorBuiltin("logsumexp(z, axis:, keepdims: false)", doc: """
                log(sum(exp(z))) without overflow, over everything or along `axis`.
                Example: logsumexp([1000, 1000]) == 1000 + log(2)
                """) { args in
                Value(try args.tensor(0, "z").logsumexp(axis: args.axis(), keepdims: args.keepdims()))
            },
            tensorBuiltin("onehot_max(z)", doc: """
                One-hot rows marking the largest entry of each row (the first on ties).
                Example: onehot_max([[0.1, 0.7, 0.2]])  # [[0, 1, 0]]
                """) { args in
                Value(try args.tensor(0, "z").onehotMax())
            },
            tensorBuiltin("mse(y, t)", doc: """
                Mean squared error 1/N sum_i |y_i - t_i|^2 over the N samples (rows).
                Example: mse([[1, 2]], [[1, 0]]) == 4
                """) { args in
                Value(try Tensor.mse(args.tensor(0, "y"), args.tensor(1, "t")))
            },
            tensorBuiltin("bce(y, t)", doc: """
                The Bernoulli cross entropy -1/N sum t ln y + (1 - t) ln(1 - y), for outputs in (0, 1).
                y is clipped to [1e-12, 1 - 1e-12].
                Example: bce([0.5], [1]) == log(2)
                """) { args in
                Value(try Tensor.bce(args.tensor(0, "y"), args.tensor(1, "t")))
            },
            tensorBuiltin("cce(y, t)", doc: """
                The categorical cross entropy -1/N sum_i sum_k t_ik ln y_ik for one-hot targets t.
                Rows are samples; y is clipped below at 1e-12.
                Example:
                    z = [[2, 0, 0], [0, 3, 0]]
                    cce(softmax(z), onehot([0, 1], 3))
                """) { args in
                Value(try Tensor.cce(args.tensor(0, "y"), args.tensor(1, "t")))
            },
        ]
    }
}
