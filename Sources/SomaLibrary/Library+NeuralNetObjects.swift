import Foundation
import SomaCore
import SomaLang
import SomaNeural

/// `Network(...)` in Soma: callable on samples, trained with `learn`.
final class NetworkObject: SomaObject {
    let network: Network
    init(_ network: Network) { self.network = network }

    var typeName: String { "Network" }
    var displayString: String {
        "<Network \(network.sizes.map(String.init).joined(separator: "-")) \(network.activation.rawValue)/\(network.output.rawValue) \(network.loss.rawValue)>"
    }
    var fieldNames: [String] { ["layers", "sizes"] }
    var methodNames: [String] { ["gradients", "learn", "predict"] }

    func field(_ name: String) throws -> Value? {
        switch name {
        case "layers": return Value(network.layers.map { Value(LayerObject(dense: $0, stack: [$0])) })
        case "sizes": return Value(network.sizes.map { Value($0) })
        default: return nil
        }
    }

    var callable: Builtin? { predictBuiltin("Network(X)", network.model) }

    func method(_ name: String) -> Builtin? {
        switch name {
        case "predict": return predictBuiltin("predict(X)", network.model)
        case "gradients": return gradientsBuiltin(network.model, loss: network.loss)
        case "learn":
            return Builtin("learn(X, T, epochs:, lr:, batch:, momentum: 0, decay: 0, l1: 0, dropout: 0, validation: 0, patience:, optimizer:, seed:, shuffle: true, progress:)",
                           doc: """
                Trains by mini-batch backprop (SGD, momentum or a given optimizer). `batch`
                defaults to the whole set; `decay` is L2 and `l1` L1 weight decay; `dropout`
                drops hidden units while training; `validation` holds out that fraction and,
                with `patience`, stops early and keeps the best weights; `shuffle: false` keeps
                the sample order in every epoch. Returns
                {loss, val_loss, accuracy, val_accuracy}, one entry per epoch.
                """) { [network] args in
                let (x, t) = try trainingData(args)
                let opt = try args.keyword("optimizer").map { v -> Optimizer in
                    guard case .object(let o) = v, let box = o as? OptimizerObject else {
                        throw SomaError.type("learn: optimizer must be SGD(...) or Adam(...), got \(v.typeName)")
                    }
                    return box.optimizer
                }
                let lr = try opt?.learningRate ?? args.keywordNumber("lr", default: 0.1)
                let bar = ProgressBar(args)
                defer { bar.finish() }
                let history = try neuralCall("learn") {
                    try network.learn(x, t, epochs: try args.keywordInt("epochs", default: 100), learningRate: lr,
                                      batchSize: try args.keywordInt("batch"),
                                      momentum: try args.keywordNumber("momentum", default: 0),
                                      decay: WeightDecay(l2: try args.keywordNumber("decay", default: 0),
                                                         l1: try args.keywordNumber("l1", default: 0)),
                                      dropout: try args.keywordNumber("dropout", default: 0),
                                      validation: try args.keywordNumber("validation", default: 0),
                                      patience: try args.keywordInt("patience"), seed: try args.seed(),
                                      shuffle: try args.keywordBool("shuffle", default: true),
                                      optimizer: opt, progress: bar.report)
                }
                return historyValue(history)
            }
        default: return nil
        }
    }
}

/// `Sequential([...])` in Soma.
final class SequentialObject: SomaObject {
    let model: Sequential
    let parts: [LayerObject]
    init(_ model: Sequential, parts: [LayerObject]) { self.model = model; self.parts = parts }

    var typeName: String { "Sequential" }
    var displayString: String { "<Sequential \(model.layers.map(\.description).joined(separator: ", "))>" }
    var fieldNames: [String] { ["layers"] }
    var methodNames: [String] { ["gradients", "learn", "predict"] }

    func field(_ name: String) throws -> Value? {
        name == "layers" ? Value(parts.map { Value($0) }) : nil
    }

    var callable: Builtin? { predictBuiltin("Sequential(X)", model) }

    func method(_ name: String) -> Builtin? {
        switch name {
        case "predict": return predictBuiltin("predict(X)", model)
        case "gradients": return gradientsBuiltin(model, loss: nil)
        case "learn":
            return Builtin("learn(X, T, epochs:, loss: \"mse\", optimizer:, lr:, batch:, decay: 0, l1: 0, validation: 0, patience:, seed:, shuffle: true, progress:)",
                           doc: "Trains the layers by backprop with the given loss and optimizer (default SGD(lr: 0.1)); returns the history record.") { [model] args in
                let (x, t) = try trainingData(args)
                let loss = try neuralCall("learn") { try Loss(name: try args.keywordString("loss", default: "mse")) }
                let opt: Optimizer
                if let v = args.keyword("optimizer") {
                    guard case .object(let o) = v, let box = o as? OptimizerObject else {
                        throw SomaError.type("learn: optimizer must be SGD(...) or Adam(...), got \(v.typeName)")
                    }
                    opt = box.optimizer
                } else {
                    opt = try neuralCall("learn") { try SGD(learningRate: try args.keywordNumber("lr", default: 0.1)) }
                }
                var options = TrainingOptions(epochs: try args.keywordInt("epochs", default: 100),
                                              batchSize: try args.keywordInt("batch"))
                options.decay = WeightDecay(l2: try args.keywordNumber("decay", default: 0),
                                            l1: try args.keywordNumber("l1", default: 0))
                options.validation = try args.keywordNumber("validation", default: 0)
                options.patience = try args.keywordInt("patience")
                options.seed = try args.seed()
                options.shuffle = try args.keywordBool("shuffle", default: true)
                let bar = ProgressBar(args)
                defer { bar.finish() }
                let history = try neuralCall("learn") {
                    try model.learn(x, t, loss: loss, optimizer: opt, options: options, progress: bar.report)
                }
                return historyValue(history)
            }
        default: return nil
        }
    }
}

/// `gradients(X, T)`: ∂loss/∂parameters by autodiff, one record {W, b} per layer with weights.
private func gradientsBuiltin(_ model: Sequential, loss fixed: Loss?) -> Builtin {
    let signature = fixed == nil ? "gradients(X, T, loss: \"mse\")" : "gradients(X, T)"
    return Builtin(signature, doc: """
        The gradient of the mean loss on (X, T) with respect to every weight and bias, by
        autodiff: a list with one record {W, b} per layer that has weights, as learn uses.
        """) { args in
        let (x, t) = try trainingData(args)
        let grads = try neuralCall("gradients") { () throws -> [Tensor] in
            let loss = try fixed ?? Loss(name: try args.keywordString("loss", default: "mse"))
            return try model.gradients(x, t, loss: loss)
        }
        var next = grads.makeIterator()
        var records: [Value] = []
        for layer in model.layers where !layer.parameters.isEmpty {
            var pairs: [(String, Value)] = []
            for p in layer.parameters { pairs.append((p.name, next.next().map { Value($0) } ?? .nil)) }
            records.append(Value(Record(pairs: pairs)))
        }
        return Value(records)
    }
}

/// A builtin mapping rows of X through `model`. A vector is one sample,
/// unless the model takes one input: then it is one sample per element.
private func predictBuiltin(_ signature: String, _ model: Sequential) -> Builtin {
    Builtin(signature, doc: "Outputs for each row of X (a vector is one sample, or one value per sample for a one-input network).") { args in
        let xt = try args.tensor(0, "X")
        let column = xt.rank == 1 && xt.count != 1 && (try? model.check(inputWidth: xt.count)) == nil
            && (try? model.check(inputWidth: 1)) != nil
        let x = try sampleRows(xt, vectorIsOneSample: !column)
        let y = try neuralCall(args.callee) { try model.predict(x) }
        // A vector in gives a vector out: one sample's outputs, or one output per sample.
        if (column && y.shape[1] == 1) || (!column && xt.rank == 1) { return Value(try y.reshaped([y.count])) }
        return Value(y)
    }
}

/// X and T of a `learn` call; a vector T is one target per sample.
private func trainingData(_ args: Arguments) throws -> (Tensor, Tensor) {
    (try args.tensor(0, "X").detached, try args.tensor(1, "T").detached)
}

/// The history record `{loss, val_loss, accuracy, val_accuracy}`.
private func historyValue(_ h: History) -> Value {
    Value(Record([
        "loss": vectorValue(h.loss), "val_loss": vectorValue(h.valLoss),
        "accuracy": vectorValue(h.accuracy), "val_accuracy": vectorValue(h.valAccuracy),
    ]))
}
