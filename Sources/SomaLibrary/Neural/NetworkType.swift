import SomaCore
import SomaLang
import SomaNeural

/// `Network(...)` in Soma: callable on samples, trained with `learn`.
enum NetworkType {
    static var type: ObjectType<Network> {
        ObjectType(
            name: "Network",
            summary: "a fully connected network: net(X) maps rows of X to outputs.",
            display: { n in
                let precision = n.layers.first?.precision ?? .double
                return "<Network \(n.sizes.map(String.init).joined(separator: "-")) \(n.activation.rawValue)/\(n.output.rawValue) \(n.loss.rawValue)"
                    + (precision == .single ? " single>" : ">")
            },
            fields: [
                .init("layers", doc: "The connections, each a Dense layer with W (sizes[i] x sizes[i+1]) and b.\nExample: net = Network([2, 3, 1], seed: 1); imshow(net.layers[0].W, cmap: \"coolwarm\")",
                      get: { n in Value(n.layers.map { LayerType.dense.value(LayerBox(dense: $0, stack: [$0])) }) }),
                .init("precision", doc: "The weights' precision: \"double\" (float64, the default) or \"single\" (float32), as given to Network.\nExample: Network([2, 3, 1], precision: \"single\").precision  # \"single\"",
                      get: { n in Value((n.layers.first?.precision ?? .double).rawValue) }),
                .init("sizes", doc: "The layer sizes, input first.\nExample: Network([2, 3, 1]).sizes  # [2, 3, 1]", get: { n in Value(n.sizes.map { Value($0) }) }),
            ],
            methods: [
                .init("gradients(X, T)", doc: """
                    The gradient of the mean loss on (X, T) with respect to every weight and bias.
                    Computed by autodiff, as learn uses it: a list with one record {W, b} per layer.
                    Example:
                        X, T = xor()
                        net = Network([2, 3, 1], seed: 1)
                        g = net.gradients(X, T)
                        g[0].W   # 2 x 3, the shape of net.layers[0].W
                    """) { n, args in
                    let (x, t) = try trainingData(args)
                    return try gradientsValue(n.model, x, t, loss: n.loss)
                },
                .init("learn(X, T, epochs: 100, lr: 0.1, batch:, momentum: 0, decay: 0, l1: 0, dropout: 0, validation: 0, patience:, optimizer:, seed:, shuffle: true, progress:)",
                      doc: """
                    Trains by mini-batch gradient descent (SGD, momentum or a given optimizer).
                    Returns {loss, val_loss, accuracy, val_accuracy}, one entry per epoch.
                    `batch` defaults to the whole set; `decay` is L2 and `l1` L1 weight decay; `dropout`
                    drops hidden units while training; `validation` holds out that fraction and,
                    with `patience`, stops early and keeps the best weights; `shuffle: false` keeps
                    the sample order in every epoch. Training runs in the weights' dtype (see
                    `precision`); X and T of the other dtype are converted batch by batch.
                    Example:
                        X, T = xor()
                        net = Network([2, 3, 1], seed: 1)
                        h = net.learn(X, T, epochs: 2000, lr: 4, momentum: 0.5)
                        plot(h.loss); yscale("log")
                    """) { n, args in
                    let (x, t) = try trainingData(args)
                    let optimizer = try givenOptimizer(args)
                    let options = try trainingOptions(args)
                    let bar = ProgressBar(args.args)
                    defer { bar.finish() }
                    let history = try n.learn(
                        x, t, epochs: options.epochs, learningRate: try optimizer?.learningRate ?? args.number("lr"),
                        batchSize: options.batchSize, momentum: try args.number("momentum"), decay: options.decay,
                        dropout: try args.number("dropout"), validation: options.validation,
                        patience: options.patience, seed: options.seed, shuffle: options.shuffle,
                        optimizer: optimizer, progress: bar.report)
                    return historyValue(history)
                },
                .init("predict(X)", doc: """
                    The outputs for each row of X, as net(X).
                    Example: Network([2, 3, 1], seed: 1).predict([[0, 1], [1, 1]])
                    """) { n, args in try predict(n.model, args) },
            ],
            call: .init("Network(X)", doc: """
                The outputs for each row of X, differentiable in X.
                A vector is one sample, or one value per sample for a one-input network.
                Example:
                    net = Network([2, 3, 1], seed: 1)
                    net([[0, 1], [1, 1]])
                """) { n, args in try predict(n.model, args) })
    }
}
