namespace Mailroom.SenderAddresses;

/// <summary>What showed that the user controls an address.</summary>
internal enum AddressProof
{
    /// <summary>The address's own SMTP server accepted the user's sign-in.</summary>
    SmtpSignIn = 0,

    /// <summary>The link in the verification email was followed.</summary>
    Link = 1,

    /// <summary>The code in the verification email was entered.</summary>
    Code = 2,
}
