import SomaCore
import SomaLang
import SomaNeural

/// The layers of a `Sequential`, as built and as shown in Soma.
final class SequentialBox {
    let model: Sequential
    let parts: [LayerBox]
    init(model: Sequential, parts: [LayerBox]) { self.model = model; self.parts = parts }
}

/// `Sequential([...])` in Soma.
enum SequentialType {
    static var type: ObjectType<SequentialBox> {
        ObjectType(
            name: "Sequential",
            summary: "layers applied in order: m(X) maps rows of X to outputs.",
            display: { s in "<Sequential \(s.model.layers.map(\.description).joined(separator: ", "))>" },
            fields: [
                .init("layers", doc: "The layers as given.\nExample: model = Sequential([Dense(2, 3, act: \"relu\"), Dense(3, 1)]); model.layers[1].W", get: { s in Value(s.parts.map { $0.value }) }),
            ],
            methods: [
                .init("gradients(X, T, loss: \"mse\")", doc: """
                    The gradient of the mean loss on (X, T) with respect to every weight and bias.
                    Computed by autodiff: a list with one record {W, b} per layer that has weights.
                    Example:
                        model = Sequential([Dense(2, 3, act: "tanh", seed: 1), Dense(3, 1, seed: 2)])
                        g = model.gradients([[0, 1], [1, 0]], [[1], [1]])
                        g[1].b
                    """) { s, args in
                    let (x, t) = try trainingData(args)
                    return try gradientsValue(s.model, x, t, loss: try Loss(name: try args.string("loss")))
                },
                .init("learn(X, T, epochs: 100, loss: \"mse\", optimizer:, lr: 0.1, batch:, decay: 0, l1: 0, validation: 0, patience:, seed:, shuffle: true, progress:)",
                      doc: """
                    Trains the layers with the given loss and optimizer (default SGD(lr: 0.1)).
                    Returns the history record {loss, val_loss, accuracy, val_accuracy}, one entry per epoch.
                    Example:
                        X, T = xor()
                        model = Sequential([Dense(2, 4, act: "tanh", seed: 1), Dense(4, 1, act: "logistic", seed: 2)])
                        h = model.learn(X, T, epochs: 300, loss: "bce", optimizer: Adam(lr: 0.05))
                        plot(h.loss)
                    """) { s, args in
                    let (x, t) = try trainingData(args)
                    let loss = try Loss(name: try args.string("loss"))
                    let optimizer = try givenOptimizer(args) ?? SGD(learningRate: try args.number("lr"))
                    let options = try trainingOptions(args)
                    let bar = ProgressBar(args.args)
                    defer { bar.finish() }
                    return historyValue(try s.model.learn(x, t, loss: loss, optimizer: optimizer, options: options,
                                                          progress: bar.report))
                },
                .init("predict(X)", doc: """
                    The outputs for each row of X, as model(X).
                    Example: Sequential([Dense(2, 1, act: "logistic", seed: 1)]).predict([[0, 1]])
                    """) { s, args in try predict(s.model, args) },
            ],
            call: .init("Sequential(X)", doc: """
                The outputs for each row of X (a vector is one sample), differentiable in X.
                Example:
                    model = Sequential([Dense(2, 3, act: "relu", seed: 1), Dense(3, 1, seed: 2)])
                    model([[0, 1], [1, 1]])
                """) { s, args in
                try predict(s.model, args)
            })
    }
}
