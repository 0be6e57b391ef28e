namespace TaskChat.Web.Components.Circuits;

/// <summary>Whether this circuit was refused for being over its user's cap (one per circuit).</summary>
public sealed class CircuitAdmission
{
    public bool Refused { get; private set; }

    /// <summary>The cap that refused it, to tell the user.</summary>
    public int Limit { get; private set; }

    public void Refuse(int limit) => (Refused, Limit) = (true, limit);
}
