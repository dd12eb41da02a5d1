using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Sample.Fashion
{
    /// <summary>Draws the training loss (left axis) and the test accuracy (right axis) against the epoch.</summary>
    public static class FashionPlot
    {
        public static void Write(string path, IReadOnlyList<EpochResult> results, string title)
        {
            double[] epochs = results.Select(r => (double)r.Epoch).ToArray();
            var plot = new ScottPlot.Plot();

            var loss = plot.Add.Scatter(epochs, results.Select(r => r.TrainLoss).ToArray());
            loss.LegendText = "mean training loss";
            loss.LineWidth = 2;
            loss.MarkerSize = 6;

            var accuracy = plot.Add.Scatter(epochs, results.Select(r => r.TestAccuracy).ToArray());
            accuracy.LegendText = "test accuracy";
            accuracy.LineWidth = 2;
            accuracy.MarkerSize = 6;
            accuracy.Axes.YAxis = plot.Axes.Right;

            plot.Title(title);
            plot.XLabel("epoch");
            plot.Axes.Left.Label.Text = "mean training loss (cross-entropy)";
            plot.Axes.Right.Label.Text = "test accuracy";
            plot.ShowLegend();
            plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(0.15);

            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            plot.SavePng(path, 900, 560);
        }
    }
}
