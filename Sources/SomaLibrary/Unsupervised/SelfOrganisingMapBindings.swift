import SomaCore
import SomaLang
import SomaNeural

/// `som_train`: the hot loop of the self-organising map, whose algorithm is
/// written in Soma (Stdlib/neural/som.soma) and whose fused loop is SomaNeural's
/// `Tensor.somTrain` (Unsupervised/SelfOrganisingMap.swift).
enum SelfOrganisingMapBindings {
    static var builtins: [Builtin] { [train] }

    static var train: Builtin {
        declaredBuiltin("som_train(W, X, picks, alpha, sigma, cols)", doc: """
            The self-organising map's training loop, fused in Swift: for each step t, the
            best-matching unit u of x = X[picks[t]] (nearest row of W), then every unit v moves
            by alpha[t]·exp(−|g_v − g_u|² / 2sigma[t]²)·(x − W_v), g_v its lattice position
            [v ÷ cols, v % cols]. Returns the new weights. SOM.learn calls it; its Soma version
            (engine: "soma") does the same steps one tensor operation at a time.
            Example: W = som_train(W, X, randint(0, len(X), 100), full(100, 0.1), full(100, 2), 10)
            """) { args in
            Value(try Tensor.somTrain(weights: args.tensor(0, "W"), samples: args.tensor(1, "X"),
                                      picks: args.tensor(2, "picks"), alpha: args.tensor(3, "alpha"),
                                      sigma: args.tensor(4, "sigma"), cols: args.args.int(5, "cols")))
        }
    }
}
