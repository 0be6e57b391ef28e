using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace TaskChat.Core.Assistant.Tools;

/// <summary>
/// A kernel holding one run's <see cref="TaskPlugin"/>, and the plugin's functions as the model is
/// offered them. A function in a plugin reaches the model as "tasks_add_task"; the model, the system
/// prompt, the offline assistant and the UI all know the tools by their own names, so each is offered
/// as a copy outside the plugin (<see cref="KernelFunction.Clone"/> without a plugin name), bound to
/// this kernel.
/// </summary>
public sealed class TaskKernel
{
    public const string PluginName = "tasks";

    public TaskKernel(TaskPlugin plugin)
    {
        Kernel = new Kernel();
        var registered = Kernel.Plugins.AddFromObject(plugin, PluginName);
        Tools = ToolNames.All.Select(name => (AIFunction)registered[name].Clone().WithKernel(Kernel)).ToArray();
    }

    public Kernel Kernel { get; }

    /// <summary>The eight task tools, named as in <see cref="ToolNames"/>, in that order.</summary>
    public IReadOnlyList<AIFunction> Tools { get; }
}
