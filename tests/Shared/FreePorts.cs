using System.Net;
using System.Net.Sockets;

namespace Hrm.Testing;

/// <summary>Free loopback TCP ports for the processes and servers a test starts (a node's Akka port, its API, a fake node, PostgreSQL).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
