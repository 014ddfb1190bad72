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
            The self-organising map's training loop, fused in SomaNeural.
            For each step t, the best-matching unit u of x = X[picks[t]] (nearest row of W), then every unit v moves
            by alpha[t]·exp(−|g_v − g_u|² / 2sigma[t]²)·(x − W_v), g_v its lattice position
            [v ÷ cols, v % cols]. Returns the new weights. SOM.learn calls it; its Soma version
            (engine: "soma") does the same steps one tensor operation at a time.
            Example:
                seed(1); X = rand(200, 2); W = rand(100, 2)
                W = som_train(W, X, randint(0, len(X), 500), full(500, 0.1), full(500, 2), 10)
                scatter(W[:, 0], W[:, 1])
            """) { args in
            Value(try Tensor.somTrain(weights: args.tensor(0, "W"), samples: args.tensor(1, "X"),
                                      picks: args.tensor(2, "picks"), alpha: args.tensor(3, "alpha"),
                                      sigma: args.tensor(4, "sigma"), cols: args.args.int(5, "cols")))
        }
    }
}
