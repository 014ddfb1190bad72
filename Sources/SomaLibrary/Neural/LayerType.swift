import SomaCore
import SomaLang
import SomaNeural

/// A layer as Soma sees it: a dense layer with its activation, or dropout.
final class LayerBox {
    let dense: Dense?
    /// The core layers this stands for (a dense layer and its activation).
    let stack: [Layer]
    init(dense: Dense?, stack: [Layer]) { self.dense = dense; self.stack = stack }

    /// The layer as a Soma value of its type.
    var value: Value { dense == nil ? LayerType.dropout.value(self) : LayerType.dense.value(self) }
}

/// `Dense(...)` and `Dropout(...)` in Soma.
enum LayerType {
    static var dense: ObjectType<LayerBox> {
        ObjectType(
            name: "Dense",
            summary: "a fully connected layer y = act(x·W + b) for Sequential.",
            display: display,
            fields: [
                .init("W", doc: "The weights, inputs x outputs.\nExample: layer = Dense(3, 2, seed: 1); layer.W = ones(3, 2); layer([1, 2, 3])  # [6, 6]", get: { l in try Value(weights(l).W.tensor) },
                      set: { l, v in try weights(l).W.assign(try v.asTensor()) }),
                .init("b", doc: "The biases, one per output.\nExample: layer = Dense(3, 2, seed: 1); layer.b  # [0, 0]", get: { l in try Value(weights(l).b.tensor) },
                      set: { l, v in try weights(l).b.assign(try v.asTensor()) }),
            ],
            call: call)
    }

    static var dropout: ObjectType<LayerBox> {
        ObjectType(name: "Dropout", summary: "inverted dropout for Sequential (off at prediction).",
                   display: display, call: call)
    }

    private static func display(_ l: LayerBox) -> String {
        "<\(l.stack.map(\.description).joined(separator: " + "))>"
    }

    private static var call: ObjectType<LayerBox>.Method {
        .init("layer(X)", doc: """
            The layer's outputs for each row of X (a vector is one sample), differentiable in X.
            Example:
                layer = Dense(2, 3, act: "relu", seed: 1)
                layer([[1, 2], [3, 4]])
            """) { l, args in
            let xt = try args.tensor(0, "X")
            let y = try Sequential(l.stack).predict(try sampleRows(xt, vectorIsOneSample: true))
            return Value(xt.rank == 1 ? try y.reshaped([y.count]) : y)
        }
    }

    private static func weights(_ l: LayerBox) throws -> Dense {
        guard let d = l.dense else { throw SomaError.type("this layer has no weights") }
        return d
    }
}
