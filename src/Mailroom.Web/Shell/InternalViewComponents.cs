using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Mailroom.Web.Shell;

/// <summary>
/// MVC discovers only public view components; Mailroom's types are internal (CA1515), so this adds the app's own
/// internal <see cref="ViewComponent"/> subclasses to the same feature.
/// </summary>
internal sealed class InternalViewComponents : IApplicationFeatureProvider<ViewComponentFeature>
{
    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ViewComponentFeature feature)
    {
        var own = parts.OfType<AssemblyPart>().Where(part => part.Assembly == typeof(InternalViewComponents).Assembly);
        foreach (var type in own.SelectMany(part => part.Types))
        {
            if (type is { IsClass: true, IsAbstract: false, IsNested: false, IsPublic: false }
                && type.IsSubclassOf(typeof(ViewComponent))
                && type.GetCustomAttribute<NonViewComponentAttribute>() is null
                && !feature.ViewComponents.Contains(type))
            {
                feature.ViewComponents.Add(type);
            }
        }
    }
}
