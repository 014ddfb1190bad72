import SomaCore
import SomaLang
import SomaNeural

// What the network types' methods share: their data, history and calls.

/// X and T of a `learn` or `gradients` call, untracked.
func trainingData(_ args: MemberArguments) throws -> (Tensor, Tensor) {
    let x = try args.tensor(0, "X").detached, t = try args.tensor(1, "T").detached
    // Without rows the epoch's mean loss is 0/0: say so rather than report a nan loss.
    guard x.shape.first != 0 else {
        throw SomaError.value("\(args.callee): X has no rows (shape \(x.shape)): there are no samples to learn from")
    }
    return (x, t)
}

/// The history record `{loss, val_loss, accuracy, val_accuracy}`.
func historyValue(_ h: History) -> Value {
    Value(Record([
        "loss": vectorValue(h.loss), "val_loss": vectorValue(h.valLoss),
        "accuracy": vectorValue(h.accuracy), "val_accuracy": vectorValue(h.valAccuracy),
    ]))
}

/// The optimizer given as `optimizer:`, if any.
func givenOptimizer(_ args: MemberArguments) throws -> Optimizer? {
    guard let v = args.keyword("optimizer") else { return nil }
    guard case .object(let o) = v, let box = o as? BoundObject<OptimizerBox> else {
        throw SomaError.type("\(args.callee): optimizer must be SGD(...) or Adam(...), got \(v.typeName)")
    }
    return box.model.optimizer
}

/// The `decay:` and `l1:` keywords.
func weightDecay(_ args: MemberArguments) throws -> WeightDecay {
    WeightDecay(l2: try args.number("decay"), l1: try args.number("l1"))
}

/// Outputs of `model` for each row of X. A vector is one sample, unless the
/// model takes one input: then it is one sample per element. Differentiable
/// in X, so `grad` through a model is exact.
func predict(_ model: Sequential, _ args: MemberArguments) throws -> Value {
    let xt = try args.tensor(0, "X")
    let column = xt.rank == 1 && xt.count != 1 && (try? model.check(inputWidth: xt.count)) == nil
        && (try? model.check(inputWidth: 1)) != nil
    let y = try model.predict(try sampleRows(xt, vectorIsOneSample: !column))
    // A vector in gives a vector out: one sample's outputs, or one output per sample.
    if (column && y.shape[1] == 1) || (!column && xt.rank == 1) { return Value(try y.reshaped([y.count])) }
    return Value(y)
}

/// ∂loss/∂parameters by autodiff: one record {W, b} per layer with weights.
func gradientsValue(_ model: Sequential, _ x: Tensor, _ t: Tensor, loss: Loss) throws -> Value {
    var grads = try model.gradients(x, t, loss: loss).makeIterator()
    var records: [Value] = []
    for layer in model.layers where !layer.parameters.isEmpty {
        records.append(Value(Record(pairs: layer.parameters.map { ($0.name, grads.next().map { Value($0) } ?? .nil) })))
    }
    return Value(records)
}

/// Training options shared by Network.learn and Sequential.learn.
func trainingOptions(_ args: MemberArguments) throws -> TrainingOptions {
    var options = TrainingOptions(epochs: try args.int("epochs"), batchSize: try args.optionalInt("batch"))
    options.decay = try weightDecay(args)
    options.validation = try args.number("validation")
    options.patience = try args.optionalInt("patience")
    options.seed = try args.seed()
    options.shuffle = try args.bool("shuffle")
    return options
}
