using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.Sample.Training
{
    /// <summary>Writes a run's losses as CSV and as a PNG curve on a log scale.</summary>
    public static class LossReports
    {
        /// <summary>Writes <c>iteration,loss</c> lines, the loss in round-trip precision.</summary>
        public static void WriteCsv(string path, double[] losses)
        {
            var text = new StringBuilder("iteration,loss\n");
            for (int i = 0; i < losses.Length; i++)
            {
                text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(losses[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
            CreateDirectoryFor(path);
            File.WriteAllText(path, text.ToString());
        }

        /// <summary>Draws the loss against the iteration, the loss axis logarithmic, and saves it as a PNG.</summary>
        public static void WritePlot(string path, double[] losses, string title)
        {
            int[] finite = Enumerable.Range(0, losses.Length).Where(i => double.IsFinite(losses[i]) && losses[i] > 0).ToArray();
            double[] xs = finite.Select(i => (double)i).ToArray();
            double[] ys = finite.Select(i => Math.Log10(losses[i])).ToArray();

            var plot = new ScottPlot.Plot();
            var curve = plot.Add.Scatter(xs, ys);
            curve.MarkerSize = 0;
            curve.LineWidth = 2;
            plot.Title(title);
            plot.XLabel("iteration");
            plot.YLabel("loss (log scale)");
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = exponent => "1e" + exponent.ToString("0", CultureInfo.InvariantCulture),
            };
            plot.Grid.MajorLineColor = ScottPlot.Colors.Black.WithOpacity(0.15);
            CreateDirectoryFor(path);
            plot.SavePng(path, 900, 560);
        }

        private static void CreateDirectoryFor(string path)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
        }
    }
}
