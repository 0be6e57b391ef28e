using System.Net;
using System.Net.Sockets;

namespace TaskChat.Tests.Infrastructure;

public static class Loopback
{
    /// <summary>A port on 127.0.0.1 nothing listens on right now: for servers the tests start, or to find nobody home.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
