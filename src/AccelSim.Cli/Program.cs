namespace AccelSim.Cli;

public static class Program
{
    public static int Main(string[] args) => AccelSimCommand.Run(args, Console.Out, Console.Error);
}
