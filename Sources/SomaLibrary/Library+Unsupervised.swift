import SomaCore
import SomaLang

extension Library {
    /// Hot loops of the unsupervised models of course unit 3 whose algorithms
    /// are written in Soma (Stdlib/neural/*.soma).
    static var unsupervised: LibrarySection {
        LibrarySection(name: "unsupervised", builtins: [
            tensorBuiltin("som_train(W, X, picks, alpha, sigma, cols)", doc: """
                The self-organising map's training loop, fused in SomaCore.
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
                                          sigma: args.tensor(4, "sigma"), cols: args.int(5, "cols")))
            },
        ])
    }
}
