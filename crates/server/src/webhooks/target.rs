//! Where webhooks may be sent: absolute http(s) URLs whose host is a public address. Private,
//! loopback, link-local, unique-local, multicast and other reserved addresses are refused when a
//! subscription is saved and again when each attempt connects (a name may resolve elsewhere
//! by then), unless the instance allows private targets (`allow_private_webhook_targets`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use voronka_types::FieldError;

/// Longest accepted URL.
pub const MAX_URL_LEN: usize = 2048;

/// Parses a subscription URL: absolute, http or https, with a host and no credentials.
pub fn parse_url(field: &str, raw: &str) -> Result<Url, FieldError> {
    let raw = raw.trim();
    if raw.len() > MAX_URL_LEN {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("at most {MAX_URL_LEN} characters"),
        ));
    }
    let url =
        Url::parse(raw).map_err(|e| FieldError::new(field, "invalid_url", format!("not an absolute URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FieldError::new(
            field,
            "invalid_url",
            "the URL must start with http:// or https://",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FieldError::new(field, "invalid_url", "the URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FieldError::new(
            field,
            "invalid_url",
            "put no user name or password in the URL; verify the signature instead",
        ));
    }
    Ok(url)
}

/// Checks that every address `url`'s host stands for is public (a name is resolved now).
pub async fn check_public(field: &str, url: &Url) -> Result<(), FieldError> {
    let refused = |ip: IpAddr| {
        FieldError::new(
            field,
            "private_address",
            format!("{ip} is a private, loopback, link-local or reserved address; webhooks only go to public hosts"),
        )
    };
    if let Some(ip) = literal_ip(url) {
        return if is_forbidden(ip) { Err(refused(ip)) } else { Ok(()) };
    }
    let host = url.host_str().unwrap_or_default();
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| FieldError::new(field, "unresolvable_host", format!("cannot resolve `{host}`: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(FieldError::new(
            field,
            "unresolvable_host",
            format!("`{host}` has no address"),
        ));
    }
    match addrs.iter().map(SocketAddr::ip).find(|ip| is_forbidden(*ip)) {
        Some(ip) => Err(refused(ip)),
        None => Ok(()),
    }
}

/// The host when it is written as an IP address (the resolver is not asked about those).
pub fn literal_ip(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// True for every address a webhook must not reach: not globally routable unicast.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return forbidden_v4(v4);
    }
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
        || (first == 0x2001 && ip.segments()[1] == 0x0db8) // documentation
        || (first == 0x2001 && ip.segments()[1] == 0) // Teredo tunnels
        || first == 0x0100 && ip.segments()[1..4] == [0, 0, 0] // discard-only 100::/64
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`),
/// NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`) IPv6 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let tail = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0, _, _] if !ip.is_loopback() && !ip.is_unspecified() => Some(tail()),
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(tail()),
        [0x2002, hi, lo, ..] => Some(Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8)),
        _ => None,
    }
}

/// A DNS resolver that answers only the public addresses of a name, so an attempt never
/// connects to a private one even if the name's records changed since the subscription was saved.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = all.into_iter().filter(|a| !is_forbidden(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("`{host}` resolves to no public address; refused").into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forbidden(s: &str) -> bool {
        is_forbidden(s.parse().unwrap())
    }

    #[test]
    fn private_and_special_ipv4_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
        ] {
            assert!(forbidden(ip), "{ip} should be refused");
        }
        for ip in ["8.8.8.8", "93.184.216.34", "1.1.1.1"] {
            assert!(!forbidden(ip), "{ip} is public");
        }
    }

    #[test]
    fn private_and_special_ipv6_addresses_are_refused() {
        for ip in [
            "::1",
            "::",
            "fe80::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001:db8::1",
        ] {
            assert!(forbidden(ip), "{ip} should be refused");
        }
        for ip in ["2606:4700:4700::1111", "::ffff:8.8.8.8", "2a00:1450:4001:80b::200e"] {
            assert!(!forbidden(ip), "{ip} is public");
        }
    }

    #[test]
    fn only_absolute_http_urls_without_credentials_are_accepted() {
        assert!(parse_url("url", "https://hooks.example.com/in?x=1").is_ok());
        assert!(parse_url("url", "http://203.0.113.5:8080/").is_ok());
        for bad in [
            "/relative",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "not a url",
            "mailto:a@b.c",
        ] {
            assert!(parse_url("url", bad).is_err(), "{bad} should be refused");
        }
    }
}
