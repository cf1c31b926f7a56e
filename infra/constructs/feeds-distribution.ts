// The public HTTPS address of the calendar feeds and the one-click unsubscribe: a CloudFront
// distribution in front of the two function URLs, so the addresses in families' calendar apps and
// in mail already sent stay the same when a function is replaced. The calendar's function URL
// accepts only CloudFront (origin access control, IAM-signed); the unsubscribe URL cannot, as
// mailbox providers' one-click POSTs are not signed (OAC would need a body hash from them), so its
// token is the credential, as RFC 8058 expects. Nothing is cached at the edge: a rotated calendar
// link must stop working at once; calendar apps revalidate with If-None-Match instead (304).
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class FeedsDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution>.cloudfront.net`: the base of feed and unsubscribe URLs. */
  readonly baseUrl: string;

  constructor(
    scope: Construct,
    id: string,
    props: { calendar: lambda.IFunction; unsubscribe: lambda.IFunction; stage: string },
  ) {
    super(scope, id);
    const calendarUrl = props.calendar.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    const unsubscribeUrl = props.unsubscribe.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const uncached = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent (If-None-Match among it) except Host, which a function URL refuses.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `IEP tracker (${props.stage}): calendar feeds and one-click unsubscribe`,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.FunctionUrlOrigin.withOriginAccessControl(calendarUrl),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        ...uncached,
      },
      additionalBehaviors: {
        '/unsubscribe/*': {
          origin: new origins.FunctionUrlOrigin(unsubscribeUrl),
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          ...uncached,
        },
      },
    });
    this.baseUrl = `https://${this.distribution.distributionDomainName}`;
  }
}
