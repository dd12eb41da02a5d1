using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// What flows between pipeline steps holds no Roslyn objects (symbols, syntax, locations, compilations): they
    /// would keep old compilations alive and make every step compare unequal. Checked by reflection over every field
    /// reachable from the pipeline's value types, and by checking that each of them is compared by value.
    /// </summary>
    public sealed class ModelPurityTests
    {
        private static readonly Assembly Generator = typeof(NetworkGenerator).Assembly;

        /// <summary>The types the pipeline passes between steps.</summary>
        public static readonly TheoryData<string> PipelineTypes = new()
        {
            "NetGen.Generator.Model.NetworkModel",
            "NetGen.Generator.NetworkGenerator+GeneratedFile",
        };

        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(SyntaxReference),
            typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData), typeof(TypedConstant),
        };

        [Theory]
        [MemberData(nameof(PipelineTypes))]
        public void HoldsNoRoslynObjects_AndComparesByValue(string typeName)
        {
            Type? type = Generator.GetType(typeName);
            Assert.NotNull(type);
            var problems = new List<string>();
            Visit(type!, typeName, new HashSet<Type>(), problems);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        private static void Visit(Type type, string path, HashSet<Type> seen, List<string> problems)
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal))
            {
                return;
            }
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                Visit(underlying, path, seen, problems);
                return;
            }
            if (Forbidden.Any(f => f.IsAssignableFrom(type)))
            {
                problems.Add($"{path} is a {type.Name}, a Roslyn object.");
                return;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "NetGen.Generator.Model.EquatableArray`1")
            {
                // Compared element by element; what matters is the element type.
                Visit(type.GetGenericArguments()[0], path + "[]", seen, problems);
                return;
            }
            if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
                || typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                problems.Add($"{path} is a {type.Name}, which compares by reference; use EquatableArray<T>.");
                return;
            }
            bool comparesByValue = type.IsValueType
                || type.GetMethod("Equals", new[] { type }) is { DeclaringType: var declaring } && declaring == type;
            if (!comparesByValue)
            {
                problems.Add($"{path} is a {type.Name}, which does not compare by value.");
            }
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Visit(field.FieldType, path + "." + field.Name.Replace("<", "").Replace(">k__BackingField", ""), seen, problems);
            }
        }
    }
}
