// SomaPlot: canvas, raster, charts, PNG.
