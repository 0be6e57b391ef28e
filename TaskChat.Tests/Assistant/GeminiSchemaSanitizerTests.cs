using System.Text.Json;
using System.Text.Json.Nodes;
using TaskChat.Core.Assistant.Providers.Gemini;
using TaskChat.Core.Assistant.Tools;
using TaskChat.Tests.Infrastructure;

namespace TaskChat.Tests.Assistant;

/// <summary>The real task tools' schemas, as Semantic Kernel makes them, cut down to what Gemini accepts.</summary>
public sealed class GeminiSchemaSanitizerTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Schemas =
        new TaskKernel(new TaskPlugin(null!, "user", TimeZoneInfo.Utc, new FakeTimeProvider(TestDatabase.DefaultNow))).Tools
            .ToDictionary(f => f.Name, f => f.JsonSchema);

    // OpenAPI 3.0's Schema object as Gemini documents it; anything else is refused.
    private static readonly HashSet<string> Accepted =
    [
        "type", "format", "title", "description", "nullable", "enum", "items", "minItems", "maxItems",
        "properties", "required", "minimum", "maximum", "anyOf", "propertyOrdering",
    ];

    [Fact]
    public void The_raw_schemas_use_what_gemini_refuses_so_sanitising_matters()
    {
        var raw = Schemas[ToolNames.AddTask];

        // Semantic Kernel writes the function's description at the schema's root as "condition".
        Assert.True(raw.TryGetProperty("condition", out _));
        Assert.Null(GeminiSchemaSanitizer.Parameters(raw)!["condition"]);
    }

    [Theory]
    [InlineData(ToolNames.AddTask)]
    [InlineData(ToolNames.ListTasks)]
    [InlineData(ToolNames.UpdateTask)]
    [InlineData(ToolNames.CompleteTask)]
    [InlineData(ToolNames.DeleteTask)]
    public void Every_schema_keeps_only_accepted_keywords_and_single_types(string tool)
    {
        var parameters = GeminiSchemaSanitizer.Parameters(Schemas[tool])!;

        foreach (var schema in Walk(parameters))
        {
            Assert.All(schema.Select(p => p.Key), key => Assert.Contains(key, Accepted));
            Assert.IsAssignableFrom<JsonValue>(schema["type"]);
        }
    }

    [Fact]
    public void Nullable_unions_become_the_one_type_marked_nullable_and_defaults_go()
    {
        // As AIFunctionFactory writes optional parameters (and other MCP or plugin tools may).
        using var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "title":{"type":"string"},
              "description":{"description":"Longer notes (optional).","type":["string","null"],"default":null},
              "tags":{"type":["array","null"],"items":{"type":["string","null"]},"default":null}},
             "required":["title"]}
            """);

        var properties = GeminiSchemaSanitizer.Parameters(schema.RootElement)!["properties"]!;

        Assert.Equal("""{"description":"Longer notes (optional).","nullable":true,"type":"string"}""", properties["description"]!.ToJsonString());
        Assert.Equal("array", (string?)properties["tags"]!["type"]);
        Assert.Equal("""{"nullable":true,"type":"string"}""", properties["tags"]!["items"]!.ToJsonString());
        Assert.Equal("string", (string?)properties["title"]!["type"]);
        Assert.Null(properties["title"]!["nullable"]);
    }

    [Fact]
    public void The_task_tools_optional_parameters_keep_their_type_and_description()
    {
        var properties = GeminiSchemaSanitizer.Parameters(Schemas[ToolNames.AddTask])!["properties"]!;

        Assert.Equal("""{"description":"Longer notes (optional).","type":"string"}""", properties["description"]!.ToJsonString());
        Assert.Equal("""{"type":"string"}""", properties["tags"]!["items"]!.ToJsonString());
    }

    [Fact]
    public void Required_names_and_descriptions_survive()
    {
        var parameters = GeminiSchemaSanitizer.Parameters(Schemas[ToolNames.CompleteTask])!;

        Assert.Equal("""["task_id"]""", parameters["required"]!.ToJsonString());
        Assert.Equal("integer", (string?)parameters["properties"]!["task_id"]!["type"]);
        Assert.Equal("true to complete (default), false to reopen. (default value: True)", (string?)parameters["properties"]!["completed"]!["description"]);
        Assert.Null(parameters["properties"]!["completed"]!["default"]);
    }

    [Theory]
    [InlineData(ToolNames.CompleteAllTasks)]
    [InlineData(ToolNames.DeleteAllTasks)]
    [InlineData(ToolNames.SummarizeTasks)]
    public void A_tool_without_parameters_declares_no_schema(string tool)
    {
        // Gemini refuses an OBJECT schema with empty properties.
        Assert.Null(GeminiSchemaSanitizer.Parameters(Schemas[tool]));
    }

    [Fact]
    public void Other_json_schema_keywords_unions_and_unknown_formats_are_cut_to_the_subset()
    {
        using var schema = JsonDocument.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "when": { "type": "string", "format": "date-time" },
                "id": { "type": "string", "format": "uuid", "pattern": "^[0-9a-f-]+$" },
                "amount": { "type": ["integer", "string"], "minimum": 0 },
                "kind": { "type": "string", "enum": ["a", "b"], "const": "a" }
              },
              "required": ["when", "ghost"]
            }
            """);

        var parameters = GeminiSchemaSanitizer.Parameters(schema.RootElement)!;

        Assert.Equal("""
            {"type":"object","properties":{"when":{"type":"string","format":"date-time"},"id":{"type":"string"},"amount":{"minimum":0,"anyOf":[{"type":"integer"},{"type":"string"}]},"kind":{"type":"string","enum":["a","b"]}},"required":["when"]}
            """.Trim(), parameters.ToJsonString());
    }

    private static IEnumerable<JsonObject> Walk(JsonObject schema)
    {
        yield return schema;
        if (schema["properties"] is JsonObject properties)
            foreach (var property in properties.Select(p => p.Value).OfType<JsonObject>())
                foreach (var nested in Walk(property)) yield return nested;
        if (schema["items"] is JsonObject items)
            foreach (var nested in Walk(items)) yield return nested;
    }
}
