import SomaLang
import SomaNeural

/// An optimizer and the name Soma shows for it.
final class OptimizerBox {
    let optimizer: Optimizer
    let name: String
    init(_ optimizer: Optimizer, name: String) { self.optimizer = optimizer; self.name = name }
}

/// `SGD(...)` / `Adam(...)` in Soma.
enum OptimizerType {
    static func type(_ name: String) -> ObjectType<OptimizerBox> {
        ObjectType(
            name: name,
            summary: "an optimizer for learn(..., optimizer:).",
            display: { o in "<\(o.name) lr=\(formatNumber(o.optimizer.learningRate))>" },
            fields: [
                .init("lr", doc: "The step size (a positive number).\nExample: opt = SGD(lr: 0.5); opt.lr = opt.lr / 2; opt.lr  # 0.25", get: { o in Value(o.optimizer.learningRate) },
                      set: { o, v in
                          guard let x = v.numberValue, x > 0, x.isFinite else {
                              throw SomaError.value("lr must be a finite positive number")
                          }
                          o.optimizer.learningRate = x
                      }),
            ])
    }
}
