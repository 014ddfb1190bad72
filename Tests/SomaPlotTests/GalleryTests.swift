import Foundation
import Testing
@testable import SomaPlot

/// Renders every kind of chart to /tmp/plots, decodes it again and checks it with pngcheck.
@Suite struct GalleryTests {
    static let folder = "/tmp/plots"

    /// Writes the figure, decodes it back and runs pngcheck when installed.
    func writeAndCheck(_ figure: Figure, _ name: String) throws -> Canvas {
        try FileManager.default.createDirectory(atPath: GalleryTests.folder, withIntermediateDirectories: true)
        let path = "\(GalleryTests.folder)/\(name).png"
        try figure.save(to: path)
        let decoded = try PNGCodec.read(path: path)
        #expect(decoded.width == figure.pixelSize(dpi: 100).width)
        #expect(PNGCheck.passes(path) != false)
        return decoded
    }

    @Test func tuningCurves() throws {
        var fig = Figure()
        let x = (0..<1000).map { -1 + 2 * Double($0) / 999 }
        for k in 0..<10 {
            let rate = x.map { xi -> Double in
                let j = Double(k + 1) * 0.4 * xi + 1.2
                return j > 1 ? 1 / (0.002 - 0.02 * log1p(-1 / j)) : 0
            }
            try fig.axes.plot(x: x, y: rate, label: "n\(k)")
        }
        fig.axes.xlabel = "x"
        fig.axes.ylabel = "rate (Hz)"
        fig.axes.title = "LIF tuning curves"
        fig.axes.legend = .best
        let canvas = try writeAndCheck(fig, "tuning")
        #expect(canvas.height == 500)
    }

    @Test func lineStylesAndText() throws {
        var fig = Figure()
        let t = (0..<200).map { Double($0) / 199 * 0.1 }
        try fig.axes.plot(x: t, y: t.map { exp(-$0 / 0.02) }, format: "--", label: "τ = 20 ms")
        try fig.axes.plot(x: t, y: t.map { exp(-$0 / 0.01) }, format: "r:", label: "α decay")
        try fig.axes.plot(x: t, y: t.map { 0.5 * exp(-$0 / 0.05) }, format: "k-.", label: "μ − ∞")
        try fig.axes.plot(x: Array(t.prefix(20)), y: t.prefix(20).map { 1 - $0 * 5 }, format: "o-", label: "markers")
        fig.axes.xlabel = "time (s)"
        fig.axes.ylabel = "membrane potential"
        fig.axes.title = "Styles: τ α μ ∞ −"
        fig.axes.grid = true
        fig.axes.legend = .best
        _ = try writeAndCheck(fig, "styles")
    }

    @Test func scatterStemBarHist() throws {
        var fig = Figure(width: 900, height: 700, title: "Four kinds")
        try fig.subplot(rows: 2, columns: 2, index: 1)
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(max(1e-12, uniform()))).squareRoot() * cos(2 * .pi * uniform()) }
        let xa = (0..<100).map { _ in normal() }, ya = (0..<100).map { _ in normal() }
        try fig.axes.scatter(x: xa, y: ya, label: "class 0")
        try fig.axes.scatter(x: xa.map { $0 + 3 }, y: ya.map { $0 + 1 }, marker: .triangleUp, label: "class 1")
        fig.axes.title = "scatter"
        fig.axes.legend = .best
        try fig.subplot(rows: 2, columns: 2, index: 2)
        let n = (0..<20).map(Double.init)
        try fig.axes.stem(x: n, y: n.map { sin($0 / 3) })
        fig.axes.title = "stem"
        try fig.subplot(rows: 2, columns: 2, index: 3)
        try fig.axes.bar(x: [0, 1, 2, 3], height: [3, 7, 2, 5])
        fig.axes.title = "bar"
        fig.axes.grid = true
        try fig.subplot(rows: 2, columns: 2, index: 4)
        try fig.axes.hist((0..<2000).map { _ in normal() }, bins: 30, label: "N(0, 1)")
        try fig.axes.hist((0..<2000).map { _ in normal() * 0.5 + 2 }, bins: 30, alpha: 0.6, label: "N(2, 0.25)")
        fig.axes.title = "hist"
        fig.axes.legend = .best
        _ = try writeAndCheck(fig, "kinds")
    }

    @Test func rasterAndFill() throws {
        var fig = Figure()
        try fig.subplot(rows: 2, columns: 1, index: 1)
        var state: UInt64 = 7
        let trains: [[Double]] = (0..<20).map { neuron in
            var times: [Double] = []
            var t = 0.0
            while t < 1 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let u = Double(state >> 11) / Double(1 << 53)
                t += -log(max(1e-9, u)) / (5 + Double(neuron) * 2)
                if t < 1 { times.append(t) }
            }
            return times
        }
        fig.axes.raster(trains)
        fig.axes.ylabel = "neuron"
        fig.axes.title = "Spike raster"
        try fig.subplot(rows: 2, columns: 1, index: 2)
        let x = (0..<100).map { Double($0) / 99 * 10 }
        let mean = x.map { sin($0) }
        try fig.axes.fillBetween(x: x, y1: mean.map { $0 + 0.3 }, y2: mean.map { $0 - 0.3 }, label: "± std")
        try fig.axes.plot(x: x, y: mean, label: "mean")
        try fig.axes.step(x: x, y: x.map { ($0 / 2).rounded(.down) / 5 }, label: "step")
        fig.axes.xlabel = "time (s)"
        fig.axes.legend = .best
        _ = try writeAndCheck(fig, "raster")
    }

    @Test func imagesAndContours() throws {
        var fig = Figure(width: 1000, height: 400)
        try fig.subplot(rows: 1, columns: 3, index: 1)
        let n = 40
        let z = (0..<(n * n)).map { i -> Double in
            let x = Double(i % n) / Double(n - 1) * 4 - 2, y = Double(i / n) / Double(n - 1) * 4 - 2
            return exp(-(x * x + y * y)) - 0.5 * exp(-((x - 1) * (x - 1) + (y + 1) * (y + 1)) * 2)
        }
        try fig.axes.imshow(z, rows: n, columns: n, colorbar: true)
        fig.axes.title = "imshow + colorbar"
        try fig.subplot(rows: 1, columns: 3, index: 2)
        let grid = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
        try fig.axes.contour(z: z, rows: n, columns: n, x: grid, y: grid)
        try fig.axes.contour(z: z, rows: n, columns: n, x: grid, y: grid, levels: [0], color: .black, width: 2)
        fig.axes.title = "contour"
        try fig.subplot(rows: 1, columns: 3, index: 3)
        try fig.axes.imshow(z, rows: n, columns: n, colormap: Colormap(named: "coolwarm"), colorbar: true,
                            equalAspect: false)
        fig.axes.title = "heatmap"
        _ = try writeAndCheck(fig, "images")
    }

    @Test func imageGrid() throws {
        var fig = Figure(width: 600, height: 600, title: "SOM weights")
        // 20 x 20 units with 8 x 8 weights each: smooth blobs that move across the map.
        var weights: [Double] = []
        for unit in 0..<400 {
            let ux = Double(unit % 20) / 19 * 7, uy = Double(unit / 20) / 19 * 7
            for p in 0..<64 {
                let px = Double(p % 8), py = Double(p / 8)
                weights.append(16 * exp(-((px - ux) * (px - ux) + (py - uy) * (py - uy)) / 6))
            }
        }
        try fig.axes.imgrid(weights, count: 400, height: 8, width: 8, rows: 20, columns: 20)
        _ = try writeAndCheck(fig, "imgrid")
    }

    @Test func builtinFontFigure() throws {
        var fig = Figure(title: "Built-in font: τ α μ ∞ −")
        let x = (0..<100).map { Double($0) / 99 }
        try fig.axes.plot(x: x, y: x.map { $0 * $0 }, label: "x² (rate, Hz)")
        fig.axes.xlabel = "membrane potential v (mV)"
        fig.axes.ylabel = "firing rate (Hz)"
        fig.axes.title = "Readable without font files"
        fig.axes.legend = .best
        var surface = RasterSurface(width: 800, height: 500, builtinFont: true)
        fig.draw(on: &surface)
        let path = "\(GalleryTests.folder)/builtin-font.png"
        try FileManager.default.createDirectory(atPath: GalleryTests.folder, withIntermediateDirectories: true)
        try PNGCodec.write(surface.canvas, to: path)
        #expect(PNGCheck.passes(path) != false)
    }

    @Test func logScale() throws {
        var fig = Figure()
        let epochs = (1...200).map(Double.init)
        try fig.axes.plot(x: epochs, y: epochs.map { 2 * pow($0, -0.8) + 0.001 }, label: "train")
        try fig.axes.plot(x: epochs, y: epochs.map { 2.5 * pow($0, -0.6) + 0.01 }, label: "validation")
        fig.axes.yscale = .log
        fig.axes.xlabel = "epoch"
        fig.axes.ylabel = "loss"
        fig.axes.title = "Loss (log scale)"
        fig.axes.grid = true
        fig.axes.legend = .best
        _ = try writeAndCheck(fig, "logscale")
    }
}
