using System;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NetGen.Sample
{
    /// <summary>Range checks shared by the sample's commands.</summary>
    internal static class OptionChecks
    {
        /// <summary>A number as people write it in a command line: <c>1e-6</c>, <c>0.001</c>, <c>500</c>.</summary>
        public static string Number(double value) =>
            value != 0 && Math.Abs(value) < 1e-3
                ? value.ToString("0.###############e0", CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// Reports an error when the option was given a number that is not positive and finite. Text that is not a
        /// number at all is left alone: the parser already reports it as an error of its own.
        /// </summary>
        public static void RequirePositive(OptionResult result, string name)
        {
            if (result.Implicit || result.Tokens.Count == 0)
            {
                return;
            }
            string text = result.Tokens[^1].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError($"{name} must be a positive number, but it is {text}.");
            }
        }
    }
}
